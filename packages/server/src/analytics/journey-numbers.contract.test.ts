import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJourneyNumbers, journeyNumbersPlan, journeyNumbersReference, SHOP_JOURNEY, type AnalysisEvent, type JourneyMap } from '@waymark/core';
import { runCompiled } from './engines/run-compiled.ts';
import { comparable, ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';

// Around the start of US daylight saving time (2024-03-10 07:00 UTC), so day buckets in New York have 23 hours.
const T0 = Date.UTC(2024, 2, 8, 0, 0, 0);
const HOUR = 3_600_000;
const NAMES = ['a', 'b', 'c', 'd', 'buy'] as const;

const rawEvent = fc.record({
  person: fc.integer({ min: 0, max: 4 }),
  event: fc.constantFrom(...NAMES),
  // Whole hours over 8 days, a few 1 ms off, so events land exactly on the window edges too.
  at: fc.tuple(fc.integer({ min: 0, max: 8 * 24 }), fc.constantFrom(0, 0, 0, 1, -1)).map(([h, j]) => Math.max(0, h * HOUR + j)),
  properties: fc.record({ k: fc.constantFrom('x', 'y'), revenue: fc.constantFrom(10, 2.5, 'n/a') }, { requiredKeys: [] }),
});
const eventLog = fc.array(rawEvent, { minLength: 5, maxLength: 50, size: 'max' }).map((raw): AnalysisEvent[] =>
  raw.map((r, i) => ({ personId: `p${r.person}`, event: r.event, timestamp: T0 + r.at, sessionId: null, channel: 'web', properties: r.properties, seq: i })),
);

const matcher = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMES).map((event) => ({ event })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom('x', 'y')).map(([event, value]) => ({ event, where: [{ property: 'k', op: 'eq' as const, value }] })) },
);

/** A small map: 1-3 stages (some possibly empty) of 0-3 touchpoints with 1-2 matchers each. */
const journey = fc
  .record({
    stages: fc.array(fc.array(fc.array(matcher, { minLength: 1, maxLength: 2 }), { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    goal: matcher,
    fromHour: fc.integer({ min: 24, max: 5 * 24 }),
    hours: fc.integer({ min: 1, max: 3 * 24 }),
    interval: fc.constantFrom('day' as const, 'week' as const),
    revenueEvents: fc.subarray([...NAMES]),
    timeZone: fc.constantFrom('UTC', 'America/New_York'),
    // Read while the range is not over (the period before then cut as far into it), or after.
    asOfHour: fc.option(fc.integer({ min: 0, max: 3 * 24 }), { nil: undefined }),
  })
  .map((r) => {
    let n = 0;
    const map: JourneyMap = {
      ...SHOP_JOURNEY,
      goal: { ...SHOP_JOURNEY.goal, matcher: r.goal },
      lanes: [],
      stages: r.stages.map((tps, s) => ({
        id: `s${s}`,
        name: `Stage ${s}`,
        description: '',
        touchpoints: tps.map((matchers) => ({ id: `t${n++}`, stageId: `s${s}`, name: 'T', channel: 'web', matchers, kpis: [], momentOfTruth: false })),
      })),
    };
    const plan = journeyNumbersPlan(map, { from: T0 + r.fromHour * HOUR, to: T0 + (r.fromHour + r.hours) * HOUR, interval: r.interval, timeZone: r.timeZone,
      ...(r.asOfHour !== undefined && { asOf: T0 + (r.fromHour + r.asOfHour) * HOUR + 1 }),
    });
    return { ...plan, revenueEvents: r.revenueEvents };
  });

describe.each(ENGINES)('journey numbers on $name', ({ name, create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(() => engine.close());

  it('equal the reference on random event logs and maps', async () => {
    await fc.assert(
      fc.asyncProperty(eventLog, fc.array(journey, { minLength: 1, maxLength: 2 }), async (events, plans) => {
        await engine.load(events);
        for (const plan of plans) {
          const sql = await runCompiled(engine, compileJourneyNumbers(engine.dialect, plan, TEST_PROJECT));
          expect(comparable(sql), JSON.stringify(plan)).toEqual(comparable(journeyNumbersReference(plan, events)));
        }
      }),
      { numRuns: name === 'duckdb' ? 60 : 20 },
    );
  });

  it('read only their project', async () => {
    await engine.load([{ personId: 'p1', event: 'a', timestamp: T0 + 30 * HOUR, sessionId: null, channel: 'web', properties: {}, seq: 1 }], 'another_project');
    const plan = journeyNumbersPlan(
      { ...SHOP_JOURNEY, lanes: [], stages: [{ id: 's', name: 'S', description: '', touchpoints: [{ id: 't', stageId: 's', name: 'T', channel: 'web', matchers: [{ event: 'a' }], kpis: [], momentOfTruth: false }] }] },
      { from: T0 + 24 * HOUR, to: T0 + 48 * HOUR, interval: 'day', timeZone: 'UTC' },
    );
    const sql = await runCompiled(engine, compileJourneyNumbers(engine.dialect, plan, TEST_PROJECT));
    expect(sql.current.touchpoints[0]!.persons).toBe(0);
    expect(sql).toEqual(journeyNumbersReference(plan, []));
  });
});
