import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../analysis-event.ts';
import { pathsReference } from './paths.reference.ts';
import { shapePaths } from './paths.shape.ts';
import { pathsPlan, validatePathsSpec, type PathsSpec } from './paths.spec.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');
let seq = 0;
/** An event `minute` minutes after T0; `s` is the arrival order when given (ties in time). */
const ev = (personId: string, event: string, minute: number, extra: { session?: string | null; props?: Record<string, unknown>; s?: number } = {}): AnalysisEvent => ({
  personId,
  event,
  timestamp: T0 + minute * 60_000,
  sessionId: extra.session === undefined ? 'x' : extra.session,
  channel: 'web',
  properties: extra.props ?? {},
  seq: extra.s ?? seq++,
});
const range = { from: '2026-03-01T10:00:00Z', to: '2026-03-01T12:00:00Z' };
const spec = (s: Partial<PathsSpec>): PathsSpec => ({ kind: 'paths', anchor: { event: 'signup' }, steps: 3, ...range, ...s }) as PathsSpec;
const nodes = (r: ReturnType<typeof pathsReference>) => r.nodes.map((n) => `${n.id}=${n.count}`);
const links = (r: ReturnType<typeof pathsReference>) => r.links.map((l) => `${l.source}>${l.target}=${l.count}`);

describe('paths reference', () => {
  const log = [
    // a: the first signup is the anchor; the second is an ordinary step.
    ev('a', 'view', 0),
    ev('a', 'signup', 1),
    ev('a', '$page', 2, { props: { path: '/welcome' } }),
    ev('a', 'signup', 3),
    ev('a', 'buy', 4),
    // b: buy and signup at the same instant: arrival order (seq) puts buy after the anchor.
    ev('b', 'buy', 5, { s: 101 }),
    ev('b', 'signup', 5, { s: 100 }),
    // c: never signs up.
    ev('c', 'view', 1),
    // d: signs up before the range: the anchor is the first signup in the range.
    ev('d', 'signup', -10),
    ev('d', '$page', 10, { props: { path: 7 } }),
    ev('d', 'signup', 11),
  ];

  it('follows the first anchor, ties broken by arrival, pages by path', () => {
    const r = pathsReference(spec({}), log);
    expect(r.total).toBe(3);
    expect(r.reached).toEqual([3, 2, 1, 1]);
    expect(r.dropOff).toEqual([0, 1, 1, 0]);
    expect(nodes(r)).toEqual(['0:signup=3', '1:$page /welcome=1', '1:buy=1', '2:signup=1', '3:buy=1']);
    expect(links(r)).toEqual(['0:signup>1:$page /welcome=1', '0:signup>1:buy=1', '1:$page /welcome>2:signup=1', '2:signup>3:buy=1']);
  });

  it('walks back from the first anchor with direction "before", and "end" means the same', () => {
    const before = pathsReference(spec({ direction: 'before', steps: 2 }), log);
    // a: signup <- view; b: signup (buy comes after it); d: signup (the $page before it has no string path).
    expect(before.reached).toEqual([3, 2, 0]);
    expect(nodes(before)).toEqual(['0:signup=3', '1:$page=1', '1:view=1']);
    expect(links(before)).toEqual(['0:signup>1:$page=1', '0:signup>1:view=1']);
    const end = pathsReference({ kind: 'paths', end: { event: 'signup' }, steps: 2, ...range }, log);
    expect(end).toEqual(before);
  });

  it('reads sessions apart, and skips events without a session', () => {
    const events = [
      ev('a', 'signup', 0, { session: 's1' }),
      ev('a', 'view', 1, { session: 's1' }),
      ev('a', 'signup', 2, { session: 's2' }),
      ev('a', 'buy', 3, { session: null }),
      ev('a', 'buy', 4, { session: 's2' }),
    ];
    const bySession = pathsReference(spec({ scope: 'session', steps: 1 }), events);
    expect(bySession.total).toBe(2);
    expect(links(bySession)).toEqual(['0:signup>1:buy=1', '0:signup>1:view=1']);
    const byPerson = pathsReference(spec({ scope: 'person', steps: 1 }), events);
    expect(byPerson.total).toBe(1);
    expect(links(byPerson)).toEqual(['0:signup>1:view=1']);
  });

  it('collapses repeats from the anchor on, and keeps only included events', () => {
    const events = [ev('a', 'view', 0), ev('a', 'signup', 1), ev('a', 'signup', 2), ev('a', 'view', 3), ev('a', 'view', 4), ev('a', 'search', 5), ev('a', 'buy', 6)];
    const path = (s: Partial<PathsSpec>) => pathsReference(spec(s), events).nodes.map((n) => n.label);
    expect(path({})).toEqual(['signup', 'signup', 'view', 'view']);
    expect(path({ collapseRepeats: true })).toEqual(['signup', 'view', 'search', 'buy']);
    // Events matching the anchor are always considered: the second signup is a step.
    expect(path({ include: ['buy', 'view'] })).toEqual(['signup', 'signup', 'view', 'view']);
    expect(path({ include: ['buy', 'view'], collapseRepeats: true })).toEqual(['signup', 'view', 'buy']);
    // Before: the view at minute 0 is the one step back from the first signup.
    expect(path({ direction: 'before', collapseRepeats: true })).toEqual(['signup', 'view']);
  });

  it('keeps the heaviest transitions per step and groups the rest under $other, flow preserved', () => {
    // Step-1 pairs: signup>view x3, signup>buy x2, signup>search x1; step 2 after them.
    const plan = pathsPlan(spec({ steps: 2, topEdges: 1 }));
    const r = shapePaths(plan, [
      { step: 0, before: null, from: null, to: 'signup', count: 6 },
      { step: 1, before: null, from: 'signup', to: 'view', count: 3 },
      { step: 1, before: null, from: 'signup', to: 'buy', count: 2 },
      { step: 1, before: null, from: 'signup', to: 'search', count: 1 },
      { step: 2, before: 'signup', from: 'view', to: 'buy', count: 2 },
      { step: 2, before: 'signup', from: 'buy', to: 'buy', count: 2 },
      { step: 2, before: 'signup', from: 'search', to: 'view', count: 1 },
    ]);
    // Step 2 ranks the pairs by label: buy>buy and view>buy tie at 2, "buy" sorts first.
    expect(nodes(r)).toEqual(['0:signup=6', '1:view=3', '1:$other=3', '2:buy=2', '2:$other=3']);
    expect(links(r)).toEqual(['0:signup>1:$other=3', '0:signup>1:view=3', '1:$other>2:buy=2', '1:view>2:$other=2', '1:$other>2:$other=1']);
    // Every node holds what flows in.
    for (const n of r.nodes.filter((x) => x.step > 0)) expect(r.links.filter((l) => l.target === n.id).reduce((s, l) => s + l.count, 0)).toBe(n.count);
  });

  it('breaks ties between transitions by their labels, the first then the second', () => {
    // "Signed" sorts before "Signed Up", though '"Signed"' sorts after '"Signed Up"' (a quote after a space).
    const tied = [ev('p', 'signup', 0), ev('p', 'Signed Up', 1), ev('q', 'signup', 0), ev('q', 'Signed', 1), ev('r', 'signup', 0), ev('r', 'x', 1)];
    const r = pathsReference(spec({ steps: 1, topEdges: 1 }), tied);
    expect(nodes(r)).toEqual(['0:signup=3', '1:Signed=1', '1:$other=2']);
  });

  it('validates: one of anchor and end, direction with end, steps, condition values', () => {
    const bad = (s: unknown) => {
      const r = validatePathsSpec(s);
      return r.kind === 'error' ? r.error.path : 'ok';
    };
    expect(bad(spec({}))).toBe('ok');
    expect(bad({ kind: 'paths', steps: 2, ...range })).toBe('anchor');
    expect(bad({ kind: 'paths', anchor: { event: 'a' }, end: { event: 'b' }, steps: 2, ...range })).toBe('end');
    expect(bad({ kind: 'paths', end: { event: 'b' }, direction: 'after', steps: 2, ...range })).toBe('direction');
    expect(bad(spec({ steps: 11 }))).toBe('steps');
    expect(bad(spec({ scope: 'visit' as never }))).toBe('scope');
    expect(bad(spec({ anchor: { event: 'a', where: [{ property: 'n', op: 'gt', value: 'x' }] } }))).toBe('anchor.where[0].value');
    expect(bad(spec({ to: range.from }))).toBe('to');
  });
});
