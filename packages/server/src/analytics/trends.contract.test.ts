import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTrends, TREND_MEASURES, trendsReference, validateTrendsSpec, type AnalysisEvent, type EventMatcher, type TrendLine, type TrendsResult, type TrendsSpec } from '@waymark/core';
import { runCompiled } from './engines/run-compiled.ts';
import { comparable, ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';
import { selectorOf } from './testing/event-selectors.ts';

// Around the spring daylight-saving change in Europe and the US (2026-03-08 and 2026-03-29).
const START = Date.parse('2026-03-01T00:00:00Z');
const SPAN = 40 * 86_400_000;

const events = fc
  .array(
    fc.record({
      person: fc.integer({ min: 0, max: 6 }),
      event: fc.constantFrom('view', 'buy', 'signup'),
      // Clustered times: ties, exact midnights and hours, and arbitrary instants.
      at: fc.oneof(fc.integer({ min: 0, max: 40 }).map((d) => d * 86_400_000), fc.integer({ min: 0, max: 960 }).map((h) => h * 3_600_000), fc.integer({ min: 0, max: SPAN - 1 })),
      price: fc.option(fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true })), { nil: undefined }),
      plan: fc.option(fc.constantFrom('free', 'pro', 1, true), { nil: undefined }),
      channel: fc.constantFrom('web', 'email', 'store'),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map(
      (r, i): AnalysisEvent => ({
        personId: `p${r.person}`,
        event: r.event,
        timestamp: START + r.at,
        sessionId: null,
        channel: r.channel,
        properties: { ...(r.price !== undefined && { price: r.price }), ...(r.plan !== undefined && { plan: r.plan }) },
        seq: i,
      }),
    ),
  );

const matcher: fc.Arbitrary<EventMatcher> = fc
  .record({ event: fc.constantFrom('view', 'buy', 'signup'), pro: fc.boolean() })
  .map(({ event, pro }) => ({ event, ...(pro && { where: [{ property: 'plan', op: 'eq' as const, value: 'pro' }] }) }));

const spec: fc.Arbitrary<TrendsSpec> = fc
  .record({
    series: fc.array(
      fc.record({ matcher: selectorOf(matcher), measure: fc.constantFrom(...TREND_MEASURES) }),
      { minLength: 1, maxLength: 3 },
    ),
    interval: fc.constantFrom('hour', 'day', 'week', 'month' as const),
    fromDay: fc.integer({ min: 0, max: 20 }),
    days: fc.integer({ min: 1, max: 25 }),
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
    breakdown: fc.option(fc.constantFrom('plan', '$channel', 'price'), { nil: undefined }),
    // Fewer lines than values, now and then: which values are shown rests on the engine's counts.
    limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    compare: fc.boolean(),
    // Hours into the range (before it, inside, at or after its end), or none.
    asOfHour: fc.option(fc.integer({ min: -2, max: 26 * 24 }), { nil: undefined }),
  })
  .map((s) => {
    // Comparing, the range starts late enough for the period before to hold events too.
    const start = START + (s.compare ? s.fromDay + s.days : s.fromDay) * 86_400_000;
    return {
      kind: 'trends' as const,
      series: s.series.map((x) => ({ matcher: x.matcher, measure: x.measure, ...(x.measure !== 'count' && x.measure !== 'persons' && { property: 'price' }) })),
      interval: s.interval === 'hour' && s.days > 3 ? ('day' as const) : s.interval,
      from: new Date(start).toISOString(),
      to: new Date(start + s.days * 86_400_000).toISOString(),
      timeZone: s.timeZone,
      ...(s.breakdown && { breakdown: { property: s.breakdown, ...(s.limit !== undefined && { limit: s.limit }) } }),
      compare: s.compare,
      ...(s.compare && s.asOfHour !== undefined && { asOf: new Date(start + s.asOfHour * 3_600_000 + 1_234).toISOString() }),
    };
  });

/** Counts exactly; sums and ratios to 6 decimal places (see `comparable`). */
function expectSame(actual: TrendsResult, expected: TrendsResult, context: string) {
  expect(comparable(actual), context).toEqual(comparable(expected));
}

describe.each(ENGINES)('trends on $name', ({ create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(() => engine.close());

  const run = async (s: TrendsSpec) => {
    return runCompiled(engine, compileTrends(engine.dialect, s, TEST_PROJECT));
  };

  it('equal the reference implementation on random event logs and specs', async () => {
    await fc.assert(
      fc.asyncProperty(events, spec, async (evs, s) => {
        expect(validateTrendsSpec(s).kind).toBe('ok');
        await engine.load(evs);
        expectSame(await run(s), trendsReference(s, evs), JSON.stringify(s));
      }),
      { numRuns: 60 },
    );
  });

  it('list the persons behind a line, over the range or in one period, of the range or the one before, as the reference does', async () => {
    const pick = fc.record({ line: fc.nat(), bucket: fc.option(fc.nat(), { nil: undefined }), previous: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(events, spec, pick, async (evs, s, p) => {
        // A line of the result, or of the period before when it compares (or, with a breakdown and no events, the missing value).
        const result = trendsReference(s, evs);
        const previous = p.previous && result.previous !== undefined;
        const { buckets, lines } = previous ? result.previous! : result;
        const line: Pick<TrendLine, 'series' | 'breakdown'> & Partial<TrendLine> = lines[p.line % Math.max(1, lines.length)] ?? { series: 0, breakdown: null };
        const personsAt = {
          series: line.series, ...(p.bucket !== undefined && { bucket: buckets[p.bucket % buckets.length]! }), ...(s.breakdown && { breakdown: line.breakdown }), ...(previous && { previous }),
        };
        const withPersons = { ...s, personsAt };
        expect(validateTrendsSpec(withPersons).kind).toBe('ok');
        await engine.load(evs);
        const expected = trendsReference(withPersons, evs);
        expect((await run(withPersons)).persons, JSON.stringify(withPersons)).toEqual(expected.persons);
        // As many as the line counts, where it counts persons.
        if (line.values && s.series[line.series]!.measure === 'persons') {
          expect(expected.persons).toHaveLength(Number(p.bucket === undefined ? line.total : line.values[p.bucket % buckets.length]));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('count events and persons per day in the time zone, with empty days', async () => {
    const day = (d: string) => Date.parse(d);
    const evs: AnalysisEvent[] = [
      { personId: 'a', event: 'buy', timestamp: day('2026-03-28T23:30:00Z'), sessionId: null, channel: 'web', properties: { price: 10 }, seq: 1 },
      { personId: 'a', event: 'buy', timestamp: day('2026-03-29T10:00:00Z'), sessionId: null, channel: 'web', properties: { price: 30 }, seq: 2 },
      { personId: 'b', event: 'buy', timestamp: day('2026-03-29T11:00:00Z'), sessionId: null, channel: 'store', properties: { price: 20 }, seq: 3 },
    ];
    await engine.load(evs);
    const result = await run({
      kind: 'trends',
      series: [{ matcher: { event: 'buy' }, measure: 'count' }, { matcher: { event: 'buy' }, measure: 'persons' }, { matcher: { event: 'buy' }, measure: 'p50', property: 'price' }],
      interval: 'day',
      from: '2026-03-28T00:00:00+01:00',
      to: '2026-03-31T00:00:00+02:00',
      timeZone: 'Europe/Berlin',
    });
    // 23:30 UTC on the 28th is already the 29th in Berlin.
    expect(result.buckets).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(result.lines.map((l) => [l.values, l.total])).toEqual([
      [[0, 3, 0], 3],
      [[0, 2, 0], 2],
      [[null, 20, null], 20],
    ]);
  });

  it('compare a range not over yet with the period before up to the same point', async () => {
    const at = (iso: string, personId: string, price: number, seq: number): AnalysisEvent => ({ personId, event: 'buy', timestamp: Date.parse(iso), sessionId: null, channel: 'web', properties: { price }, seq });
    // The period before is May 1 to 4; the range May 4 to 7, read at noon on May 5: 1.5 days in.
    await engine.load([at('2026-05-01T08:00:00Z', 'a', 10, 1), at('2026-05-02T11:59:59Z', 'b', 20, 2), at('2026-05-02T12:00:00Z', 'c', 40, 3), at('2026-05-03T09:00:00Z', 'a', 80, 4), at('2026-05-04T10:00:00Z', 'a', 5, 5)]);
    const spec: TrendsSpec = {
      kind: 'trends', series: [{ matcher: { event: 'buy' }, measure: 'count' }, { matcher: { event: 'buy' }, measure: 'sum', property: 'price' }], interval: 'day',
      from: '2026-05-04T00:00:00Z', to: '2026-05-07T00:00:00Z', timeZone: 'UTC', compare: true, asOf: '2026-05-05T12:00:00Z',
    };
    const result = await run(spec);
    expect(result.previous!.lines.map((l) => l.total)).toEqual([4, 150]);
    expect(result.previous!.soFar).toEqual({
      until: '2026-05-02T12:00:00.000Z',
      buckets: ['2026-05-01', '2026-05-02'],
      lines: [expect.objectContaining({ values: [1, 1], total: 2 }), expect.objectContaining({ values: [10, 20], total: 30 })],
    });
    // Read once the range is over (or before it began), the whole period before is the comparison.
    expect((await run({ ...spec, asOf: '2026-05-07T00:00:00Z' })).previous!.soFar).toBeUndefined();
    expect((await run({ ...spec, asOf: '2026-05-04T00:00:00Z' })).previous!.soFar).toBeUndefined();
  });

  it('list the persons of one breakdown value, the missing value included', async () => {
    const e = (seq: number, personId: string, channel: string, properties: Record<string, unknown>): AnalysisEvent => ({ personId, event: 'buy', timestamp: START + seq * 3_600_000, sessionId: null, channel, properties, seq });
    await engine.load([e(1, 'a', 'web', { plan: 'pro' }), e(2, 'b', 'store', {}), e(3, 'c', 'web', { plan: 1 }), e(30, 'b', 'web', { plan: 'pro' })]);
    const base = { kind: 'trends' as const, series: [{ matcher: { event: 'buy' }, measure: 'persons' as const }], interval: 'day' as const, from: new Date(START).toISOString(), to: new Date(START + 3 * 86_400_000).toISOString() };
    const persons = async (property: string, personsAt: NonNullable<TrendsSpec['personsAt']>) => (await run({ ...base, breakdown: { property }, personsAt })).persons;
    expect(await persons('$channel', { series: 0, breakdown: 'web' })).toEqual(['a', 'b', 'c']);
    expect(await persons('$channel', { series: 0, breakdown: 'web', bucket: '2026-03-01' })).toEqual(['a', 'c']);
    expect(await persons('$channel', { series: 0, breakdown: 'store' })).toEqual(['b']);
    expect(await persons('plan', { series: 0, breakdown: 'pro' })).toEqual(['a', 'b']);
    expect(await persons('plan', { series: 0, breakdown: '1' })).toEqual(['c']);
    expect(await persons('plan', { series: 0, breakdown: null, bucket: '2026-03-01' })).toEqual(['b']);
    expect(await persons('plan', { series: 0, breakdown: null, bucket: '2026-03-02' })).toEqual([]);
  });

  it('count the events of any of several matchers as one line, named by their events', async () => {
    const e = (seq: number, personId: string, event: string): AnalysisEvent => ({ personId, event, timestamp: START + seq * 60_000, sessionId: null, channel: 'web', properties: {}, seq });
    await engine.load([e(1, 'a', 'view'), e(2, 'a', 'buy'), e(3, 'b', 'buy'), e(4, 'c', 'signup')]);
    const range = { interval: 'day' as const, from: new Date(START).toISOString(), to: new Date(START + 86_400_000).toISOString() };
    const result = await run({ kind: 'trends', series: [{ matcher: { anyOf: [{ event: 'view' }, { event: 'buy' }, { event: 'buy' }] }, measure: 'count' }, { matcher: { anyOf: [{ event: 'view' }, { event: 'buy' }], name: 'Engaged' }, measure: 'persons' }], ...range });
    expect(result.lines.map((l) => [l.label, l.total])).toEqual([
      ['count(view or buy)', 3],
      ['persons(Engaged)', 2],
    ]);
  });
});
