import { PATHS_OTHER, type PathDirection, type PathScope, type PathsPlan } from './paths.spec.ts';

/**
 * How many paths (persons or sessions) have the label `to` at `step`, `from` at step - 1 and
 * `before` at step - 2 (null where the step does not exist). The reference and every dialect
 * produce these rows; `shapePaths` makes the Sankey from them, so the grouping is written once.
 */
export interface PathStepRow {
  readonly step: number;
  readonly before: string | null;
  readonly from: string | null;
  readonly to: string;
  readonly count: number;
}

export interface PathNode {
  /** `<step>:<label>`, unique. */
  readonly id: string;
  readonly step: number;
  readonly label: string;
  /** Paths at this node. */
  readonly count: number;
}

export interface PathLink {
  readonly source: string;
  readonly target: string;
  readonly count: number;
}

export interface PathsResult {
  readonly kind: 'paths';
  readonly direction: PathDirection;
  readonly scope: PathScope;
  readonly steps: number;
  /** Persons (or sessions) with an anchor in the range: the paths at step 0. */
  readonly total: number;
  /** `reached[i]`: paths with a step i (reached[0] = total). */
  readonly reached: readonly number[];
  /** `dropOff[i]`: paths that ended before step i, having reached step i - 1 (dropOff[0] = 0). */
  readonly dropOff: readonly number[];
  /** By step, then count descending, label ascending; each step's `$other` last. */
  readonly nodes: readonly PathNode[];
  /** By the source's step, then count descending, source and target ascending. */
  readonly links: readonly PathLink[];
  /** With `personsAt`: the ids of the persons with a path at that node (or along that link), sorted. */
  readonly persons?: readonly string[];
}

/** A path at `personsAt`'s step: its person, and its labels there, one step before and two (null before step 0). */
export interface PathAtStep {
  readonly personId: string;
  readonly before: string | null;
  readonly from: string | null;
  readonly to: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const key = (a: string | null, b: string) => JSON.stringify([a, b]);
/** Pairs' keys in the order of their labels: the first, then the second ('"Signed"' sorts after '"Signed Up"' as JSON). */
const byPair = (x: string, y: string) => {
  const [[a, b], [c, d]] = [JSON.parse(x) as [string, string], JSON.parse(y) as [string, string]];
  return byText(a, c) || byText(b, d);
};

/** The `k` heaviest entries, ties by key in `order`. */
function topKeys(counts: Map<string, number>, k: number, order: (a: string, b: string) => number = byText): Set<string> {
  return new Set([...counts].sort((x, y) => y[1] - x[1] || order(x[0], y[0])).slice(0, k).map(([name]) => name));
}

/**
 * The node a path is at in a step, from its labels at step - 1 and step. Step 0 keeps the
 * `topEdges` most frequent anchor labels; each transition from step i - 1 to step i keeps its
 * `topEdges` heaviest (label, label) pairs, and a path whose pair is not kept is at `$other`.
 */
function nodeLabels(plan: PathsPlan, rows: readonly PathStepRow[]): (step: number, prev: string | null, label: string) => string {
  const firstLabels = new Map<string, number>();
  const pairs = Array.from({ length: plan.steps + 1 }, () => new Map<string, number>());
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const r of rows) {
    if (r.step === 0) add(firstLabels, r.to, r.count);
    else add(pairs[r.step]!, key(r.from, r.to), r.count);
  }
  const kept0 = topKeys(firstLabels, plan.topEdges);
  const kept = pairs.map((m) => topKeys(m, plan.topEdges, byPair));
  return (step, prev, label) => ((step === 0 ? kept0.has(label) : kept[step]!.has(key(prev, label))) ? label : PATHS_OTHER);
}

/**
 * The Sankey of paths from step rows (nodes as `nodeLabels` places paths). Links join the nodes
 * a path is at in consecutive steps, so every node's count is the sum of its incoming links.
 * With `at` (personsAt's node, maybe the node before it, and the paths at its step), the persons of
 * the paths at that node (coming from that node before it).
 */
export function shapePaths(plan: PathsPlan, rows: readonly PathStepRow[], at?: { readonly step: number; readonly label: string; readonly from?: string; readonly paths: readonly PathAtStep[] }): PathsResult {
  const reached = new Array<number>(plan.steps + 1).fill(0);
  for (const r of rows) reached[r.step]! += r.count;
  const nodeAt = nodeLabels(plan, rows);
  const nodes = new Map<string, { step: number; label: string; count: number }>();
  const links = new Map<string, { source: string; target: string; step: number; count: number }>();
  for (const r of rows) {
    const label = nodeAt(r.step, r.from, r.to);
    const id = `${r.step}:${label}`;
    const node = nodes.get(id) ?? { step: r.step, label, count: 0 };
    node.count += r.count;
    nodes.set(id, node);
    if (r.step === 0) continue;
    const source = `${r.step - 1}:${nodeAt(r.step - 1, r.before, r.from!)}`;
    const linkKey = key(source, id);
    const link = links.get(linkKey) ?? { source, target: id, step: r.step - 1, count: 0 };
    link.count += r.count;
    links.set(linkKey, link);
  }
  const other = (label: string) => (label === PATHS_OTHER ? 1 : 0);
  return {
    kind: 'paths',
    direction: plan.direction,
    scope: plan.scope,
    steps: plan.steps,
    total: reached[0]!,
    reached,
    dropOff: reached.map((n, i) => (i === 0 ? 0 : reached[i - 1]! - n)),
    nodes: [...nodes]
      .map(([id, n]) => ({ id, ...n }))
      .sort((a, b) => a.step - b.step || other(a.label) - other(b.label) || b.count - a.count || byText(a.label, b.label)),
    links: [...links.values()]
      .sort((a, b) => a.step - b.step || b.count - a.count || byText(a.source, b.source) || byText(a.target, b.target))
      .map(({ source, target, count }) => ({ source, target, count })),
    ...(at && {
      persons: [...new Set(at.paths.filter((p) => nodeAt(at.step, p.from, p.to) === at.label && (at.from === undefined || nodeAt(at.step - 1, p.before, p.from!) === at.from)).map((p) => p.personId))].sort(),
    }),
  };
}
