import { byTime, type AnalysisEvent } from '../analysis-event.ts';
import { readRange } from '../analysis-range.ts';
import { matchesSelector } from '../matchers/event-selector.ts';
import { shapePaths, type PathsResult, type PathStepRow } from './paths.shape.ts';
import { pathLabel, pathsPlan, type PathsPlan, type PathsSpec } from './paths.spec.ts';

/**
 * Paths computed from an array of events: the definition every SQL dialect is tested against.
 * Never used on a production path.
 *
 * @example
 * pathsReference({ kind: 'paths', anchor: { event: 'signup' }, steps: 3, from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }, events)
 * // { total: 2, nodes: [{ id: '0:signup', ... }, { id: '1:$page /welcome', ... }], links: [...], ... }
 */
export function pathsReference(spec: PathsSpec, events: readonly AnalysisEvent[], defaultTimeZone = 'UTC'): PathsResult {
  const plan = pathsPlan(spec);
  const paths = pathsOf(plan, spec, events, defaultTimeZone);
  const at = spec.personsAt;
  const atStep = (step: number) => paths.flatMap(({ personId, labels }) => (labels.length > step ? [{ personId, before: labels[step - 2] ?? null, from: labels[step - 1] ?? null, to: labels[step]! }] : []));
  return shapePaths(plan, pathStepRows(paths), at && { ...at, paths: atStep(at.step) });
}

/** Every path: its person, and its labels, step 0 (the anchor) first. */
function pathsOf(plan: PathsPlan, spec: PathsSpec, events: readonly AnalysisEvent[], defaultTimeZone: string): { personId: string; labels: string[] }[] {
  const range = readRange(spec, defaultTimeZone);
  const include = plan.include ? new Set(plan.include) : null;
  const sequences = new Map<string, AnalysisEvent[]>();
  for (const e of events) {
    if (e.timestamp < range.from || e.timestamp >= range.to) continue;
    if (plan.scope === 'session' && e.sessionId === null) continue;
    if (include && !include.has(e.event) && !matchesSelector(plan.matcher, e)) continue;
    const scope = plan.scope === 'session' ? JSON.stringify([e.personId, e.sessionId]) : e.personId;
    let sequence = sequences.get(scope);
    if (!sequence) sequences.set(scope, (sequence = []));
    sequence.push(e);
  }
  const paths: { personId: string; labels: string[] }[] = [];
  for (const sequence of sequences.values()) {
    sequence.sort(byTime);
    const at = sequence.findIndex((e) => matchesSelector(plan.matcher, e));
    if (at < 0) continue;
    const walk = plan.direction === 'after' ? sequence.slice(at) : sequence.slice(0, at + 1).reverse();
    const path: string[] = [];
    for (const e of walk) {
      const label = pathLabel(e.event, e.properties);
      if (plan.collapseRepeats && path[path.length - 1] === label) continue;
      path.push(label);
      if (path.length > plan.steps) break;
    }
    paths.push({ personId: sequence[0]!.personId, labels: path });
  }
  return paths;
}

function pathStepRows(paths: readonly { labels: readonly string[] }[]): PathStepRow[] {
  const counts = new Map<string, PathStepRow & { count: number }>();
  for (const { labels: path } of paths) {
    for (const [step, to] of path.entries()) {
      const before = step >= 2 ? path[step - 2]! : null;
      const from = step >= 1 ? path[step - 1]! : null;
      const k = JSON.stringify([step, before, from, to]);
      const row = counts.get(k) ?? { step, before, from, to, count: 0 };
      row.count++;
      counts.set(k, row);
    }
  }
  return [...counts.values()];
}
