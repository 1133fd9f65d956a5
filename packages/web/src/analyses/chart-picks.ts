import type { FunnelPeriod, FunnelStepResult, LifecyclePeriod, LifecycleStatus, PathNode, PathsResult, StickinessPeriod } from '@waymark/core';

// What a click on a chart means: the number under the pointer, whose persons the page lists.
// Above a column's bars, the topmost one answers; null where the column has no one.

/** A funnel step's bar: its persons reached the step; the pale part stacked above, who dropped before it. */
export function funnelOutcomeAt(step: FunnelStepResult, value: number): 'converted' | 'dropped' | null {
  const canDrop = step.index > 0 && step.dropOff > 0;
  if (canDrop && (value > step.persons || step.persons === 0)) return 'dropped';
  return step.persons > 0 ? 'converted' : null;
}

/** A period of conversion over time: its converted bar stands in front of its entered one. */
export function funnelPeriodAt(period: FunnelPeriod, value: number): 'converted' | 'entered' | null {
  if (period.converted > 0 && (value <= period.converted || period.entered === period.converted)) return 'converted';
  return period.entered > 0 ? 'entered' : null;
}

/** In a column of segments stacked up from zero in the order given, the index of the one that holds the value (the topmost above them); null when all are empty. */
export function stackedAt(heights: readonly number[], value: number): number | null {
  let top = 0;
  let topmost: number | null = null;
  for (const [i, height] of heights.entries()) {
    if (height <= 0) continue;
    top += height;
    topmost = i;
    if (value <= top) return i;
  }
  return topmost;
}

const ACTIVE_STATUSES = ['new', 'returning', 'resurrecting'] as const;

/** A lifecycle column: dormant hangs below zero; new, returning and resurrecting stack up from it in that order. */
export function lifecycleStatusAt(period: LifecyclePeriod, value: number): LifecycleStatus | null {
  if (value < 0) return period.dormant > 0 ? 'dormant' : null;
  const at = stackedAt(ACTIVE_STATUSES.map((status) => period[status]), value);
  return at === null ? null : ACTIVE_STATUSES[at]!;
}

/** A stickiness column (persons active on `day` + 1 days): the periods stack up from zero in order; the period whose persons the click lists. */
export function stickinessPeriodAt<P extends StickinessPeriod>(periods: readonly P[], day: number, value: number): P | null {
  const at = stackedAt(periods.map((p) => p.days[day] ?? 0), value);
  return at === null ? null : periods[at]!;
}

/** The line nearest the pointer in a trend's column, among those with a value there (first of equals). */
export function trendLineAt<L extends { readonly values: readonly (number | null)[] }>(lines: readonly L[], column: number, value: number): L | null {
  let nearest: L | null = null;
  for (const line of lines) {
    const v = line.values[column] ?? 0;
    if (v !== 0 && (nearest === null || Math.abs(v - value) < Math.abs(nearest.values[column]! - value))) nearest = line;
  }
  return nearest;
}

/**
 * The link a Sankey edge draws, as the node it leads into and the node it comes `from` (a step
 * nearer the event). Paths before the event draw their edges turned around, flowing into it.
 */
export function pathsLinkAt(result: PathsResult, direction: 'after' | 'before', edge: { readonly source: string; readonly target: string }): { node: PathNode; from: PathNode } | null {
  const [from, to] = direction === 'after' ? [edge.source, edge.target] : [edge.target, edge.source];
  const node = result.nodes.find((n) => n.id === to);
  const before = result.nodes.find((n) => n.id === from);
  return node && before && result.links.some((l) => l.source === from && l.target === to) ? { node, from: before } : null;
}
