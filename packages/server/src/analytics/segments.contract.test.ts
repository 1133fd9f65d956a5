import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSegment, isSegmentMember, segmentReference, validateSegmentSpec, type AnalysisEvent, type SegmentCondition, type SegmentSpec } from '@waymark/core';
import { runCompiled } from './engines/run-compiled.ts';
import { ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';
import { selectorOf } from './testing/event-selectors.ts';

const START = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

const events = fc
  .array(
    fc.record({
      person: fc.integer({ min: 0, max: 7 }),
      event: fc.constantFrom('view', 'buy', '$identify', 'ticket'),
      day: fc.integer({ min: 0, max: 30 }),
      tie: fc.boolean(),
      plan: fc.option(fc.constantFrom('free', 'pro', 3, null), { nil: undefined }),
    }),
    { maxLength: 50 },
  )
  .map((rows) =>
    rows.map(
      (r, i): AnalysisEvent => ({
        personId: `p${r.person}`,
        event: r.event,
        // Ties: several events of a person at the very same instant, ordered by arrival.
        timestamp: START + r.day * DAY + (r.tie ? 0 : i * 1000),
        sessionId: null,
        channel: 'web',
        properties: r.plan === undefined ? {} : { plan: r.plan },
        seq: i,
      }),
    ),
  );

const condition: fc.Arbitrary<SegmentCondition> = fc.oneof(
  fc.record({ op: fc.constantFrom('eq', 'neq', 'exists', 'not_exists', 'in' as const), value: fc.constantFrom('free', 'pro', 3) }).map(({ op, value }) => ({
    type: 'trait' as const,
    condition: op === 'exists' || op === 'not_exists' ? { property: 'plan', op } : op === 'in' ? { property: 'plan', op, value: [value, 'free'] } : { property: 'plan', op, value },
  })),
  // "At most" is never below "at least": that is a bad request.
  fc.record({ matcher: selectorOf(fc.constantFrom('view', 'buy', 'ticket').map((event) => ({ event }))), min: fc.integer({ min: 0, max: 3 }), max: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), withinDays: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }) }).map(
    (b) => ({ type: 'behavior' as const, matcher: b.matcher, min: b.min, ...(b.max !== undefined && { max: b.min + b.max }), ...(b.withinDays !== undefined && { withinDays: b.withinDays }) }),
  ),
);

const spec: fc.Arbitrary<SegmentSpec> = fc
  .record({ all: fc.array(condition, { maxLength: 2 }), any: fc.array(condition, { maxLength: 2 }), none: fc.array(condition, { maxLength: 2 }), asOfDay: fc.integer({ min: 0, max: 32 }), limit: fc.integer({ min: 0, max: 10 }) })
  .filter((s) => s.all.length + s.any.length + s.none.length > 0)
  .map((s) => ({ kind: 'segment' as const, all: s.all, any: s.any, none: s.none, asOf: new Date(START + s.asOfDay * DAY).toISOString(), limit: s.limit }));

describe.each(ENGINES)('segments on $name', ({ create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(() => engine.close());

  const run = async (s: SegmentSpec) => {
    return runCompiled(engine, compileSegment(engine.dialect, s, TEST_PROJECT));
  };

  it('select the persons the reference selects, on random logs and definitions', async () => {
    await fc.assert(
      fc.asyncProperty(events, spec, async (evs, s) => {
        expect(validateSegmentSpec(s).kind).toBe('ok');
        await engine.load(evs);
        expect(await run(s), JSON.stringify(s)).toEqual(segmentReference(s, evs));
      }),
      { numRuns: 60 },
    );
  });

  it('select the same persons when a segment needs an event, so only the events its conditions count are read', async () => {
    const needed = fc.record({ event: fc.constantFrom('view', 'buy'), min: fc.integer({ min: 1, max: 2 }), withinDays: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }) });
    await fc.assert(
      fc.asyncProperty(events, spec, needed, async (evs, random, n) => {
        const first: SegmentCondition = { type: 'behavior', matcher: { event: n.event }, min: n.min, ...(n.withinDays !== undefined && { withinDays: n.withinDays }) };
        const s = { ...random, all: [first, ...(random.all ?? [])] };
        expect(isSegmentMember(s, [], Date.parse(s.asOf))).toBe(false);
        await engine.load(evs);
        expect(await run(s), JSON.stringify(s)).toEqual(segmentReference(s, evs));
      }),
      { numRuns: 40 },
    );
  });

  it('find "bought at least twice in the last 7 days but never opened a ticket", with pro as the latest plan', async () => {
    const at = (day: number, hour = 12) => START + day * DAY + hour * 3_600_000;
    const e = (seq: number, personId: string, event: string, timestamp: number, properties: Record<string, unknown> = {}): AnalysisEvent => ({ personId, event, timestamp, sessionId: null, channel: 'web', properties, seq });
    await engine.load([
      e(1, 'ann', '$identify', at(1), { plan: 'free' }),
      e(2, 'ann', '$identify', at(2), { plan: 'pro' }),
      e(3, 'ann', 'buy', at(8)),
      e(4, 'ann', 'buy', at(9)),
      e(5, 'bob', '$identify', at(1), { plan: 'pro' }),
      e(6, 'bob', 'buy', at(8)),
      e(7, 'bob', 'buy', at(9)),
      e(8, 'bob', 'ticket', at(9)),
      e(9, 'cat', '$identify', at(1), { plan: 'pro' }),
      e(10, 'cat', 'buy', at(1)),
      e(11, 'cat', 'buy', at(9)),
    ]);
    const result = await run({
      kind: 'segment',
      all: [{ type: 'trait', condition: { property: 'plan', op: 'eq', value: 'pro' } }, { type: 'behavior', matcher: { event: 'buy' }, min: 2, withinDays: 7 }],
      none: [{ type: 'behavior', matcher: { event: 'ticket' } }],
      asOf: new Date(at(10, 0)).toISOString(),
    });
    expect(result).toEqual({ count: 1, persons: ['ann'] });
  });

  it('count the events of any of several matchers together', async () => {
    const e = (seq: number, personId: string, event: string): AnalysisEvent => ({ personId, event, timestamp: START + seq * 60_000, sessionId: null, channel: 'web', properties: {}, seq });
    await engine.load([e(1, 'ann', 'view'), e(2, 'ann', 'buy'), e(3, 'bob', 'buy'), e(4, 'cat', 'ticket'), e(5, 'cat', 'ticket')]);
    const result = await run({ kind: 'segment', all: [{ type: 'behavior', matcher: { anyOf: [{ event: 'view' }, { event: 'buy' }] }, min: 2 }], asOf: new Date(START + DAY).toISOString() });
    expect(result).toEqual({ count: 1, persons: ['ann'] });
  });
});
