import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePaths, PATHS_SQL_PLANS, pathsPlanRuns, pathsReference, validatePathsSpec, type AnalysisEvent, type EventMatcher, type PathsSpec, type PathsSqlPlan } from '@waymark/core';
import { runCompiled } from './engines/run-compiled.ts';
import { ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';
import { selectorOf } from './testing/event-selectors.ts';

const START = Date.parse('2026-03-01T00:00:00Z');
const NAMES = ['view', 'buy', 'signup', '$page'] as const;

const events = fc
  .array(
    fc.record({
      person: fc.integer({ min: 0, max: 3 }),
      session: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null, freq: 6 }),
      event: fc.constantFrom(...NAMES),
      // Few instants, so timestamps tie often and `seq` (shuffled: out-of-order arrival) decides.
      at: fc.oneof(fc.integer({ min: 0, max: 12 }).map((m) => m * 60_000), fc.integer({ min: 0, max: 13 * 60_000 })),
      path: fc.option(fc.constantFrom('/', '/pricing', 7), { nil: undefined }),
      plan: fc.option(fc.constantFrom('free', 'pro'), { nil: undefined }),
    }),
    // 'medium': long enough sequences that paths run past `steps` often.
    { maxLength: 60, size: 'medium' },
  )
  .chain((rows) => fc.shuffledSubarray([...rows.keys()], { minLength: rows.length, maxLength: rows.length }).map((order) => ({ rows, order })))
  .map(({ rows, order }) =>
    rows.map(
      (r, i): AnalysisEvent => ({
        personId: `p${r.person}`,
        event: r.event,
        timestamp: START + r.at,
        sessionId: r.session === null ? null : `s${r.session}`,
        channel: 'web',
        properties: { ...(r.path !== undefined && { path: r.path }), ...(r.plan !== undefined && { plan: r.plan }) },
        seq: order[i]!,
      }),
    ),
  );

const anchor: fc.Arbitrary<EventMatcher> = fc
  .record({ event: fc.constantFrom(...NAMES), pro: fc.boolean() })
  .map(({ event, pro }) => ({ event, ...(pro && { where: [{ property: 'plan', op: 'eq' as const, value: 'pro' }] }) }));

const spec: fc.Arbitrary<PathsSpec> = fc
  .record({
    anchor: selectorOf(anchor),
    end: fc.boolean(),
    direction: fc.constantFrom('after', 'before' as const),
    steps: fc.integer({ min: 1, max: 4 }),
    scope: fc.constantFrom('person', 'session' as const),
    topEdges: fc.integer({ min: 1, max: 4 }),
    include: fc.option(fc.subarray([...NAMES], { minLength: 1 }), { nil: undefined }),
    collapseRepeats: fc.boolean(),
    fromMinute: fc.integer({ min: 0, max: 3 }),
    minutes: fc.integer({ min: 1, max: 12 }),
  })
  .map((s) => ({
    kind: 'paths' as const,
    ...(s.end ? { end: s.anchor } : { anchor: s.anchor, direction: s.direction }),
    steps: s.steps,
    scope: s.scope,
    topEdges: s.topEdges,
    ...(s.include && { include: s.include }),
    collapseRepeats: s.collapseRepeats,
    from: new Date(START + s.fromMinute * 60_000).toISOString(),
    to: new Date(START + (s.fromMinute + s.minutes) * 60_000).toISOString(),
  }));

describe.each(ENGINES)('paths on $name', ({ create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(() => engine.close());

  const run = async (s: PathsSpec, plan?: PathsSqlPlan) => {
    return runCompiled(engine, compilePaths(engine.dialect, s, TEST_PROJECT, 'UTC', plan));
  };

  it('equal the reference implementation on random event logs and specs, by each plan the engine runs', async () => {
    const plans = PATHS_SQL_PLANS.filter((p) => pathsPlanRuns(p, engine.dialect));
    expect(plans).toContain(engine.dialect.plans.paths);
    await fc.assert(
      fc.asyncProperty(events, spec, async (evs, s) => {
        expect(validatePathsSpec(s).kind).toBe('ok');
        await engine.load(evs);
        const expected = pathsReference(s, evs);
        for (const plan of plans) expect(await run(s, plan), `${plan} ${JSON.stringify(s)}`).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('list the persons at a node of the Sankey, or along a link, as the reference does, by each plan the engine runs', async () => {
    const plans = PATHS_SQL_PLANS.filter((p) => pathsPlanRuns(p, engine.dialect));
    const nodeOf = (id: string) => ({ step: Number(id.slice(0, id.indexOf(':'))), label: id.slice(id.indexOf(':') + 1) });
    await fc.assert(
      fc.asyncProperty(events, spec, fc.nat(), fc.constantFrom('node', 'link', 'narrowing link'), async (evs, s, pick, kind) => {
        // One of the result's nodes ($other included) or links (often one carrying fewer paths than
        // its node, where there is one), or a step with no such label.
        const { nodes, links } = pathsReference(s, evs);
        const narrowing = links.filter((l) => l.count < nodes.find((n) => n.id === l.target)!.count);
        const pool = kind === 'narrowing link' && narrowing.length > 0 ? narrowing : links;
        const along = kind === 'node' ? undefined : pool[pick % (pool.length + 1)];
        const node = along ? { ...nodeOf(along.target), count: along.count } : (nodes[pick % (nodes.length + 1)] ?? { step: pick % (s.steps + 1), label: 'nowhere', count: 0 });
        const withPersons = { ...s, personsAt: { step: node.step, label: node.label, ...(along && { from: nodeOf(along.source).label }) } };
        expect(validatePathsSpec(withPersons).kind).toBe('ok');
        await engine.load(evs);
        const expected = pathsReference(withPersons, evs);
        // One path per person: as many persons as the node (or link) counts; per session, at most as many.
        if (s.scope === 'person') expect(expected.persons).toHaveLength(node.count);
        else expect(expected.persons!.length).toBeLessThanOrEqual(node.count);
        for (const plan of plans) expect((await run(withPersons, plan)).persons, `${plan} ${JSON.stringify(withPersons)}`).toEqual(expected.persons);
      }),
      { numRuns: 100 },
    );
  });

  it('follow the first anchor per person, ties in time broken by arrival, pages by path', async () => {
    const at = (minute: number) => START + minute * 60_000;
    let seq = 0;
    const ev = (personId: string, event: string, minute: number, properties: Record<string, unknown> = {}): AnalysisEvent => ({
      personId, event, timestamp: at(minute), sessionId: 's', channel: 'web', properties, seq: seq++,
    });
    const evs = [
      ev('a', 'signup', 1), ev('a', '$page', 1, { path: '/welcome' }), ev('a', 'buy', 2), ev('a', 'signup', 3), ev('a', 'buy', 4),
      ev('b', '$page', 0, { path: '/pricing' }), ev('b', 'signup', 5), ev('b', '$page', 6, { path: '/welcome' }),
      ev('c', 'buy', 1),
    ];
    await engine.load(evs);
    const result = await run({ kind: 'paths', anchor: { event: 'signup' }, direction: 'after', steps: 2, scope: 'person', topEdges: 5, from: new Date(START).toISOString(), to: new Date(at(60)).toISOString() });
    expect(result.total).toBe(2);
    expect(result.reached).toEqual([2, 2, 1]);
    expect(result.dropOff).toEqual([0, 0, 1]);
    expect(result.nodes.map((n) => [n.id, n.count])).toEqual([['0:signup', 2], ['1:$page /welcome', 2], ['2:buy', 1]]);
    expect(result.links).toEqual([
      { source: '0:signup', target: '1:$page /welcome', count: 2 },
      { source: '1:$page /welcome', target: '2:buy', count: 1 },
    ]);
  });

  it('list the persons at a node: a path there at that step, not at a later one; $other gathers the transitions left out; a link, those from its source', async () => {
    let seq = 0;
    const ev = (personId: string, event: string, minute: number): AnalysisEvent => ({ personId, event, timestamp: START + minute * 60_000, sessionId: null, channel: 'web', properties: {}, seq: seq++ });
    // a: view buy view buy; b: view signup view buy; c: view signup; d: view $page.
    await engine.load([
      ev('a', 'view', 1), ev('a', 'buy', 2), ev('a', 'view', 3), ev('a', 'buy', 4),
      ev('b', 'view', 1), ev('b', 'signup', 2), ev('b', 'view', 3), ev('b', 'buy', 4),
      ev('c', 'view', 1), ev('c', 'signup', 2), ev('d', 'view', 1), ev('d', '$page', 2),
    ]);
    const spec = { kind: 'paths' as const, anchor: { event: 'view' }, steps: 3, topEdges: 1, from: new Date(START).toISOString(), to: new Date(START + 3_600_000).toISOString() };
    // Every plan the engine runs lists the same persons.
    const persons = async (step: number, label: string, from?: string) => {
      const lists = [];
      for (const plan of PATHS_SQL_PLANS.filter((p) => pathsPlanRuns(p, engine.dialect))) lists.push((await run({ ...spec, personsAt: { step, label, ...(from && { from }) } }, plan)).persons);
      expect(new Set(lists.map((l) => JSON.stringify(l))).size).toBe(1);
      return lists[0];
    };
    // Step 1 keeps its heaviest transition, view → signup (b, c); buy and $page are $other.
    expect(await persons(1, 'signup')).toEqual(['b', 'c']);
    expect(await persons(1, '$other')).toEqual(['a', 'd']);
    expect(await persons(1, 'buy')).toEqual([]);
    expect(await persons(3, 'buy')).toEqual(['a', 'b']);
    expect(await persons(0, 'view')).toEqual(['a', 'b', 'c', 'd']);
    // Step 2 keeps buy → view (a; tied with signup → view, first by label). Along the links into it:
    // a came from step 1's $other (view → buy was left out), b from signup into step 2's $other.
    expect(await persons(2, 'view', '$other')).toEqual(['a']);
    expect(await persons(2, '$other', 'signup')).toEqual(['b']);
    expect(await persons(2, 'view', 'signup')).toEqual([]);
  });
});
