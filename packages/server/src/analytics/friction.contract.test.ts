import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileFriction, compileFrictionSessions, frictionPlan, frictionReference, frictionSessionsReference, FRICTION_KINDS, SHOP_JOURNEY,
  type AnalysisEvent, type EventMatcher, type FrictionKind, type JourneyMap,
} from '@waymark/core';
import { runCompiled } from './engines/run-compiled.ts';
import { comparable, ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';

const T0 = Date.UTC(2024, 2, 8, 0, 0, 0);
const SECOND = 1000;
const PATHS = ['/x', '/y', '', undefined] as const;
const NAMES = ['$page', 'a', 'b', '$rage_click', '$u_turn', '$slow_page', '$repeated_contact', '$dead_click'] as const;

// Few sessions, pages and seconds, so that signals, page views and touchpoint events meet and tie often.
const rawEvent = fc.record({
  session: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 8 }),
  person: fc.integer({ min: 0, max: 2 }),
  event: fc.constantFrom(...NAMES),
  at: fc.integer({ min: 0, max: 30 }).map((s) => s * SECOND),
  path: fc.constantFrom(...PATHS),
  k: fc.constantFrom('x', 'y'),
});
const eventLog = fc.array(rawEvent, { minLength: 3, maxLength: 60, size: 'max' }).map((raw): AnalysisEvent[] =>
  raw.map((r, i) => ({
    personId: `p${r.person}`,
    event: r.event,
    timestamp: T0 + r.at,
    sessionId: r.session === null ? null : `s${r.session}`,
    channel: 'web',
    properties: r.path === undefined ? { k: r.k } : { path: r.path, k: r.k },
    seq: i,
  })),
);

const matcher: fc.Arbitrary<EventMatcher> = fc.oneof(
  fc.constantFrom('/x', '/y').map((path) => ({ event: '$page', where: [{ property: 'path', op: 'eq' as const, value: path }] })),
  fc.constantFrom('a', 'b').map((event) => ({ event })),
  fc.constantFrom('x', 'y').map((value) => ({ event: 'a', where: [{ property: 'k', op: 'eq' as const, value }] })),
);

const plan = fc
  .record({
    stages: fc.array(fc.array(fc.array(matcher, { minLength: 1, maxLength: 2 }), { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    from: fc.integer({ min: 0, max: 10 }),
    seconds: fc.integer({ min: 1, max: 35 }),
  })
  .map((r) => {
    let n = 0;
    const map: JourneyMap = {
      ...SHOP_JOURNEY,
      lanes: [],
      stages: r.stages.map((tps, s) => ({
        id: `s${s}`,
        name: `Stage ${s}`,
        description: '',
        touchpoints: tps.map((matchers) => ({ id: `t${n++}`, stageId: `s${s}`, name: 'T', channel: 'web', matchers, kpis: [], momentOfTruth: false })),
      })),
    };
    return frictionPlan(map, T0 + r.from * SECOND, T0 + (r.from + r.seconds) * SECOND);
  });

describe.each(ENGINES)('friction per touchpoint on $name', ({ name, create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(() => engine.close());

  it('equals the reference on random event logs and maps', async () => {
    await fc.assert(
      fc.asyncProperty(eventLog, plan, async (events, p) => {
        await engine.load(events);
        const sql = await runCompiled(engine, compileFriction(engine.dialect, p, TEST_PROJECT));
        expect(comparable(sql), JSON.stringify(p)).toEqual(comparable(frictionReference(events, p)));
      }),
      { numRuns: name === 'duckdb' ? 80 : 25 },
    );
  });

  it('lists the same affected sessions as the reference, newest first', async () => {
    await fc.assert(
      fc.asyncProperty(eventLog, plan, fc.nat(), fc.option(fc.constantFrom(...FRICTION_KINDS)), fc.integer({ min: 1, max: 5 }), async (events, p, tpSeed, kind, limit) => {
        if (p.touchpoints.length === 0) return;
        const tp = tpSeed % p.touchpoints.length;
        await engine.load(events);
        const sql = await runCompiled(engine, compileFrictionSessions(engine.dialect, p, TEST_PROJECT, tp, kind as FrictionKind | null, limit));
        expect(sql, JSON.stringify({ p, tp, kind })).toEqual(frictionSessionsReference(events, p, tp, kind as FrictionKind | null, limit));
      }),
      { numRuns: name === 'duckdb' ? 60 : 20 },
    );
  });

  it('reads only its project', async () => {
    const page = { personId: 'p1', event: '$page', timestamp: T0, sessionId: 's1', channel: 'web', properties: { path: '/x' }, seq: 1 };
    const signal = { ...page, event: '$slow_page', timestamp: T0 + 1, seq: 2 };
    await engine.load([page, signal], 'another_project');
    const p = frictionPlan({ ...SHOP_JOURNEY, lanes: [], stages: [{ id: 's', name: 'S', description: '', touchpoints: [{ id: 't', stageId: 's', name: 'T', channel: 'web', matchers: [{ event: '$page' }], kpis: [], momentOfTruth: false }] }] }, T0, T0 + 60_000);
    expect(await runCompiled(engine, compileFriction(engine.dialect, p, TEST_PROJECT))).toEqual({ touchpoints: [{ visits: 0, kinds: {} }] });
    await engine.load([page, signal]);
    expect(await runCompiled(engine, compileFriction(engine.dialect, p, TEST_PROJECT))).toEqual({ touchpoints: [{ visits: 1, kinds: { slow_page: { count: 1, persons: 1, sessions: 1 } } }] });
  });
});
