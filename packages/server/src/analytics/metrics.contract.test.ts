import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileMetric, METRIC_IDS, METRIC_PARAMETER_DEFAULTS, metricDefinition, metricReference, validateMetricSpec, type AnalysisEvent, type MetricId, type MetricResult, type MetricSpec } from '@waymark/core';
import { runCompiled } from './engines/run-compiled.ts';
import { comparable, ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';

// Random logs over 40 days around the spring daylight-saving changes (2026-03-08 in the US,
// 2026-03-29 in Europe), with every event and property the catalog reads, in right and wrong
// types, so each metric sees its units, its non-units and its edge cases.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-03-01T00:00:00Z');
const SPAN = 40 * DAY;

const NAMES = [
  '$page', 'Order Completed', 'Teammate Invited', 'Subscription Started', 'Subscription Renewed', 'Subscription Cancelled',
  'Marketing Spend', 'Survey Responded', 'Ticket Created', 'Ticket Resolved', 'Signed In',
] as const;

// Mostly well-typed values, sometimes a string where a number belongs, or a missing property.
const money = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -5, max: 300 }) }, { weight: 3, arbitrary: fc.double({ min: -100, max: 1000, noNaN: true, noDefaultInfinity: true }) }, { weight: 1, arbitrary: fc.constant('12') });
const score = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -1, max: 11 }) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) }, { weight: 1, arbitrary: fc.constant('9') });
const ticket = fc.constantFrom('t1', 't2', 't3', 't4', 4);
const country = fc.constantFrom('DE', 'US', 1, true);
const PROPERTIES: Record<(typeof NAMES)[number], fc.Arbitrary<Record<string, unknown>>> = {
  $page: fc.record({ country }, { requiredKeys: [] }),
  'Order Completed': fc.record({ revenue: money, country }, { requiredKeys: ['revenue'] }),
  'Teammate Invited': fc.constant({}),
  'Subscription Started': fc.record({ mrr: money }, { requiredKeys: [] }),
  'Subscription Renewed': fc.record({ mrr: money }),
  'Subscription Cancelled': fc.record({ mrr: money }),
  'Marketing Spend': fc.record({ amount: money, source: fc.constantFrom('paid_search', 'social', 1) }, { requiredKeys: ['amount'] }),
  'Survey Responded': fc.record({ survey_type: fc.constantFrom('nps', 'csat', 'ces', 'NPS'), score, country }, { requiredKeys: ['survey_type', 'score'] }),
  'Ticket Created': fc.record({ ticket_id: ticket }, { requiredKeys: [] }),
  'Ticket Resolved': fc.record(
    { ticket_id: ticket, first_contact_resolution: fc.constantFrom(true, true, false, 'true'), resolution_time_ms: fc.oneof(fc.integer({ min: 0, max: 9_000_000 }), fc.double({ min: 0, max: 1e6, noNaN: true })), country },
    { requiredKeys: ['ticket_id', 'first_contact_resolution', 'resolution_time_ms'] },
  ),
  'Signed In': fc.record({ acquisition_source: fc.constantFrom('paid_search', 'social', 'organic', 7) }),
};

/** Random logs of the events a metric reads (all names for metrics that read any), plus noise. */
const eventsFor = (metric: MetricId): fc.Arbitrary<AnalysisEvent[]> => {
  const read = metricDefinition(metric).parameters.map((p) => METRIC_PARAMETER_DEFAULTS[p]).filter((n): n is (typeof NAMES)[number] => (NAMES as readonly unknown[]).includes(n));
  const names = read.length === 0 ? NAMES : [...new Set([...read, '$page', 'Signed In'] as const)];
  return fc
  .array(
    fc.record({
      person: fc.integer({ min: 0, max: 5 }),
      named: fc.constantFrom(...names).chain((event) => PROPERTIES[event].map((properties) => ({ event, properties }))),
      // Ties, local midnights (UTC, Berlin, New York), arbitrary instants.
      at: fc.oneof(
        fc.integer({ min: 0, max: 40 }).map((d) => d * DAY),
        fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(-HOUR, -2 * HOUR, 4 * HOUR, 5 * HOUR), fc.constantFrom(-1, 0, 1)).map(([d, o, n]) => d * DAY + o + n),
        fc.integer({ min: 0, max: SPAN - 1 }),
      ),
      session: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
      channel: fc.constantFrom('web', 'email', 'ads'),
    }),
    { maxLength: 80, size: 'medium' },
  )
  .map((rows) =>
    rows.map((r, i): AnalysisEvent => ({
      personId: r.named.event === 'Marketing Spend' ? `spend:${r.person % 2}` : `p${r.person}`,
      event: r.named.event,
      timestamp: START + Math.max(0, r.at),
      sessionId: r.session === null ? null : `s${r.session}`,
      channel: r.channel,
      properties: r.named.properties,
      seq: i,
    })),
  );
};

const specFor = (metric: MetricId): fc.Arbitrary<MetricSpec> =>
  fc
    .record({
      fromDay: fc.integer({ min: -2, max: 20 }),
      days: fc.integer({ min: 1, max: 30 }),
      offset: fc.constantFrom(0, 0, 7 * HOUR + 1),
      interval: fc.option(fc.constantFrom('day' as const, 'week' as const, 'month' as const), { nil: undefined }),
      timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
      breakdown: fc.option(fc.constantFrom('country', '$channel', 'survey_type'), { nil: undefined }),
      limit: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
      activeEvent: fc.option(fc.constant('$page'), { nil: undefined, freq: 4 }),
    })
    .map((s) => {
      const definition = metricDefinition(metric);
      const from = START + s.fromDay * DAY + s.offset;
      return {
        kind: 'metric' as const,
        metric,
        from: new Date(from).toISOString(),
        to: new Date(from + s.days * DAY).toISOString(),
        timeZone: s.timeZone,
        ...(s.interval && !(s.interval === 'day' && s.days > 10) && { interval: s.interval }),
        ...(s.breakdown && definition.breakdown === 'event' && { breakdown: { property: s.breakdown, ...(s.limit !== undefined && { limit: s.limit }) } }),
        ...(s.activeEvent && (definition.parameters as readonly string[]).includes('activeEvent') && { activeEvent: s.activeEvent }),
      };
    });

/** Counts exactly; sums and ratios to 6 decimal places (see `comparable`). */
function expectSame(actual: MetricResult, expected: MetricResult, context: string) {
  expect(comparable(actual), context).toEqual(comparable(expected));
}

describe.each(ENGINES)('metrics on $name', ({ create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(() => engine.close());

  const run = async (s: MetricSpec) => {
    return runCompiled(engine, compileMetric(engine.dialect, s, TEST_PROJECT));
  };

  it.each(METRIC_IDS)('%s equals the reference implementation on random logs', async (metric) => {
    await fc.assert(
      fc.asyncProperty(eventsFor(metric), specFor(metric), async (evs, s) => {
        expect(validateMetricSpec(s).kind).toBe('ok');
        await engine.load(evs);
        expectSame(await run(s), metricReference(s, evs), JSON.stringify(s));
      }),
      { numRuns: 12 },
    );
  });

  it('reads subscription state in arrival order when timestamps tie', async () => {
    // Hundreds of persons whose subscription starts and ends at the same instant: an engine that
    // ignored seq would keep some of them active.
    const evs: AnalysisEvent[] = [];
    for (let i = 0; i < 300; i++) {
      const at = START + (i % 5) * HOUR;
      evs.push({ personId: `p${i}`, event: 'Subscription Started', timestamp: at, sessionId: null, channel: 'web', properties: { mrr: 10 }, seq: 2 * i });
      evs.push({ personId: `p${i}`, event: i % 3 === 0 ? 'Subscription Renewed' : 'Subscription Cancelled', timestamp: at, sessionId: null, channel: 'web', properties: { mrr: 10 }, seq: 2 * i + 1 });
    }
    await engine.load([...evs].reverse());
    const spec: MetricSpec = { kind: 'metric', metric: 'mrr', from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
    expect(await run(spec)).toEqual(metricReference(spec, evs));
    expect(await run(spec)).toMatchObject({ numerator: 1000, denominator: 100 });
  });

  it('ignores other projects', async () => {
    const e = (person: string, revenue: number, seq: number): AnalysisEvent => ({ personId: person, event: 'Order Completed', timestamp: START + seq * HOUR, sessionId: null, channel: 'web', properties: { revenue }, seq });
    await engine.load([e('a', 10, 1), e('a', 30, 2), e('b', 20, 3)]);
    const spec: MetricSpec = { kind: 'metric', metric: 'aov', from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
    expect(await run(spec)).toMatchObject({ numerator: 60, denominator: 3, value: 20 });
    const other = compileMetric(engine.dialect, spec, 'proj_other');
    expect(other.shape([await engine.query(other.queries[0]!)])).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });
});

describe('the catalog and its documentation', () => {
  it('docs/analytics/metrics.md has a section for every metric', () => {
    const doc = readFileSync(new URL('../../../../docs/analytics/metrics.md', import.meta.url), 'utf8');
    for (const id of METRIC_IDS) expect(doc, id).toContain(`\`${id}\``);
  });
});
