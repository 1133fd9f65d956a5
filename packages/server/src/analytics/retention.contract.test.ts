import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CompiledAnalysis,
  CALENDAR_INTERVALS, LIFECYCLE_PLANS, LIFECYCLE_STATUSES, periodWindow, readRange, STICKINESS_INTERVALS, compileLifecycle, lifecyclePlanRuns, compileRetention, compileStickiness, lifecycleReference, periodNumberSql, periodOf, retentionReference, stickinessReference,
  type AnalysisEvent, type CalendarInterval, type EventMatcher, type LifecycleSpec, type RetentionSpec, type StickinessSpec,
} from '@waymark/core';
import { runCompiled } from './engines/run-compiled.ts';
import { ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';
import { selectorOf } from './testing/event-selectors.ts';

// Random logs of a few persons over seven weeks around the spring daylight-saving changes
// (America/New_York on 10 March 2024, Europe/Berlin on 31 March), many events on local
// midnights (and a millisecond either side) of the zones tested.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 1, 26);
const DAYS = 49;
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'] as const;
const MIDNIGHT_OFFSETS = [0, -HOUR, -2 * HOUR, 4 * HOUR, 5 * HOUR, -5.5 * HOUR];

/** An instant in [start, start + days): anywhere, or on a local midnight (give or take a millisecond). */
const instantIn = (start: number, days: number) =>
  fc.oneof(
    fc.integer({ min: start, max: start + days * DAY - 1 }),
    fc
      .tuple(fc.integer({ min: 0, max: days }), fc.constantFrom(...MIDNIGHT_OFFSETS), fc.constantFrom(-1, 0, 1))
      .map(([day, offset, nudge]) => start + day * DAY + offset + nudge),
  );
const instant = instantIn(START - 2 * DAY, DAYS + 2);
const iso = (ms: number) => new Date(ms).toISOString();

// Events packed into a random stretch (3 days to 7 weeks), so persons often come back within a
// period, skip one, or act on both sides of a midnight.
const events: fc.Arbitrary<AnalysisEvent[]> = fc
  .record({ first: fc.integer({ min: -2, max: DAYS - 3 }), span: fc.constantFrom(3, 10, DAYS) })
  .chain(({ first, span }) =>
    fc.array(fc.record({ person: fc.integer({ min: 0, max: 4 }), event: fc.constantFrom('a', 'b'), x: fc.constantFrom(0, 1), at: instantIn(START + first * DAY, Math.min(span, DAYS - first)) }), {
      maxLength: 60,
      size: 'medium',
    }),
  )
  .map((rows) => rows.map((r, seq) => ({ personId: `p${r.person}`, event: r.event, timestamp: r.at, sessionId: null, channel: 'web', properties: { x: r.x }, seq })));

const matcher: fc.Arbitrary<EventMatcher> = fc.constantFrom({ event: 'a' }, { event: 'b' }, { event: 'a', where: [{ property: 'x', op: 'eq' as const, value: 1 }] });
const range = fc
  .tuple(instant, fc.integer({ min: 1, max: 40 * DAY }), fc.constantFrom(...ZONES))
  .map(([from, length, timeZone]) => ({ from: iso(from), to: iso(from + length), timeZone }));

// Long daily ranges starting weeks before the events: more than 62 periods, so cohorts' return
// periods straddle two bit masks.
const longRange = fc
  .tuple(instantIn(START - 40 * DAY, 40), fc.integer({ min: 60 * DAY, max: 100 * DAY }), fc.constantFrom(...ZONES))
  .map(([from, length, timeZone]) => ({ from: iso(from), to: iso(from + length), timeZone }));

// About half list the persons of a cohort (one of the range's), or of one of its cells.
const retentionSpec: fc.Arbitrary<RetentionSpec> = fc
  .record({
    cohortEvent: selectorOf(matcher), returnEvent: selectorOf(matcher), interval: fc.constantFrom(...CALENDAR_INTERVALS), periods: fc.integer({ min: 1, max: 4 }), returning: fc.constantFrom(undefined, 'on' as const, 'onOrAfter' as const), range: fc.oneof(range, longRange),
    persons: fc.option(fc.record({ cohort: fc.nat(), period: fc.option(fc.nat(), { nil: undefined }) }), { freq: 2, nil: undefined }),
  })
  .map(({ range, persons, returning, ...rest }) => {
    const spec = { kind: 'retention' as const, ...rest, ...(returning && { returning }), ...range };
    if (!persons) return spec;
    const { labels } = periodWindow(readRange(spec, 'UTC'), spec.interval);
    return { ...spec, personsAt: { cohort: labels[persons.cohort % labels.length]!, ...(persons.period !== undefined && { period: persons.period % (spec.periods + 1) }) } };
  });

// Long ranges too: more than 59 days, which only the `window` plan computes. About half list the
// persons of one status in one period.
const lifecycleSpec: fc.Arbitrary<LifecycleSpec> = fc
  .record({
    matcher: selectorOf(matcher), interval: fc.constantFrom(...CALENDAR_INTERVALS), range: fc.oneof(range, longRange),
    persons: fc.option(fc.record({ period: fc.nat(), status: fc.constantFrom(...LIFECYCLE_STATUSES) }), { freq: 2, nil: undefined }),
  })
  .map(({ range, persons, ...rest }) => {
    const spec = { kind: 'lifecycle' as const, ...rest, ...range };
    if (!persons) return spec;
    const { labels } = periodWindow(readRange(spec, 'UTC'), spec.interval);
    return { ...spec, personsAt: { period: labels[persons.period % labels.length]!, status: persons.status } };
  });

// About half list the persons of a period, or of those active on some number of its days.
const stickinessSpec: fc.Arbitrary<StickinessSpec> = fc
  .record({
    matcher: selectorOf(matcher), interval: fc.constantFrom(...STICKINESS_INTERVALS), range,
    persons: fc.option(fc.record({ period: fc.nat(), days: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }), { freq: 2, nil: undefined }),
  })
  .map(({ range, persons, ...rest }) => {
    const spec = { kind: 'stickiness' as const, ...rest, ...range };
    if (!persons) return spec;
    const { labels } = periodWindow(readRange(spec, 'UTC'), spec.interval);
    return { ...spec, personsAt: { period: labels[persons.period % labels.length]!, ...(persons.days !== undefined && { days: persons.days }) } };
  });

describe.each(ENGINES)('retention, stickiness and lifecycle on $name', ({ create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(() => engine.close());

  async function run<R>(compiled: CompiledAnalysis<R>): Promise<R> {
    return runCompiled(engine, compiled);
  }

  it('numbers calendar periods as the reference does, across daylight-saving changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 30 }), fc.constantFrom(...ZONES), fc.constantFrom<CalendarInterval>(...CALENDAR_INTERVALS), async (times, timeZone, interval) => {
        await engine.load(times.map((timestamp, seq) => ({ personId: 'p', event: 'a', timestamp, sessionId: null, channel: 'web', properties: {}, seq })));
        const rows = await engine.query<{ seq: number; pn: number }>(
          `SELECT seq, ${engine.dialect.periodNumber(interval, timeZone)} AS pn FROM events_resolved ORDER BY seq`,
        );
        expect(rows.map((r) => Number(r.pn))).toEqual(times.map((t) => periodOf(t, interval, timeZone)));
      }),
      { numRuns: 25 },
    );
  });

  it('numbers periods by UTC offsets inside a stretch as the engine does everywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 30 }), instant, fc.integer({ min: 1, max: 30 * DAY }), fc.constantFrom(...ZONES), fc.constantFrom<CalendarInterval>(...CALENDAR_INTERVALS), async (times, from, length, timeZone, interval) => {
        await engine.load(times.map((timestamp, seq) => ({ personId: 'p', event: 'a', timestamp, sessionId: null, channel: 'web', properties: {}, seq })));
        const rows = await engine.query<{ pn: number }>(`SELECT ${periodNumberSql(engine.dialect, interval, timeZone, from, from + length)} AS pn FROM events_resolved ORDER BY seq`);
        expect(rows.map((r) => Number(r.pn))).toEqual(times.map((t) => periodOf(t, interval, timeZone)));
      }),
      { numRuns: 25 },
    );
  });

  it('retention equals the reference', async () => {
    await fc.assert(
      fc.asyncProperty(events, retentionSpec, async (log, spec) => {
        await engine.load(log);
        expect(await run(compileRetention(engine.dialect, spec, TEST_PROJECT))).toEqual(retentionReference(spec, log));
      }),
      { numRuns: 60 },
    );
  });

  it('lifecycle equals the reference, by each plan that computes the spec', async () => {
    await fc.assert(
      fc.asyncProperty(events, lifecycleSpec, async (log, spec) => {
        await engine.load(log);
        const expected = lifecycleReference(spec, log);
        expect(await run(compileLifecycle(engine.dialect, spec, TEST_PROJECT))).toEqual(expected);
        for (const plan of LIFECYCLE_PLANS.filter((p) => lifecyclePlanRuns(p, spec))) {
          expect(await run(compileLifecycle(engine.dialect, spec, TEST_PROJECT, 'UTC', plan)), plan).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stickiness equals the reference', async () => {
    await fc.assert(
      fc.asyncProperty(events, stickinessSpec, async (log, spec) => {
        await engine.load(log);
        expect(await run(compileStickiness(engine.dialect, spec, TEST_PROJECT))).toEqual(stickinessReference(spec, log));
      }),
      { numRuns: 60 },
    );
  });
});
