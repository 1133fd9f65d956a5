import type { JourneyMap, KpiDirection, KpiMetric } from '../../journey/journey-map.schema.ts';
import type { GoalCounts, JourneyCounts, JourneyNumbersPlan, UnitCounts } from './journey-numbers.plan.ts';

export const KPI_STATUSES = ['on', 'at_risk', 'off', 'no_data'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** How far on the wrong side of its target a value may be and still count as "at risk" rather than "off". */
export const AT_RISK_TOLERANCE = 0.1;

/** Metrics the live numbers compute from events; any other KPI is `no_data` until its source (surveys, costs, ...) is wired. */
export const COMPUTED_KPI_METRICS = [
  'persons',
  'events',
  'conversion_rate',
  'drop_off_rate',
  'median_time_to_next_ms',
  'repeat_rate',
  'revenue',
  'average_order_value',
] as const satisfies readonly KpiMetric[];

export interface UnitNumbers {
  readonly persons: number;
  readonly events: number;
  readonly conversionToNext: number | null;
  readonly conversionToGoal: number | null;
  readonly dropOff: number | null;
  readonly medianTimeToNextMs: number | null;
}

export interface KpiNumbers {
  readonly id: string;
  readonly metric: KpiMetric;
  readonly value: number | null;
  readonly target: number;
  readonly direction: KpiDirection;
  readonly status: KpiStatus;
  readonly previous: number | null;
  /** Relative change from the period before: (value - previous) / |previous|; null without both. */
  readonly change: number | null;
}

export interface JourneyNumbers {
  readonly goal: { readonly value: number | null; readonly target: number; readonly status: KpiStatus; readonly previous: number | null; readonly change: number | null };
  readonly stages: readonly (UnitNumbers & { readonly stageId: string; readonly previous: UnitNumbers; readonly sparkline: readonly { period: string; persons: number }[] })[];
  readonly touchpoints: readonly (UnitNumbers & {
    readonly touchpointId: string;
    readonly stageId: string;
    readonly kpis: readonly KpiNumbers[];
    readonly previous: UnitNumbers;
    readonly sparkline: readonly { period: string; persons: number; events: number }[];
  })[];
}

/**
 * A KPI's status against its target: `on` when it meets the target, `at_risk` when it misses
 * by at most 10% of the target, `off` beyond, `no_data` without a value.
 *
 * @example kpiStatus(0.28, 0.3, 'higher_is_better') // 'at_risk' (0.27 <= 0.28 < 0.3)
 */
export function kpiStatus(value: number | null, target: number, direction: KpiDirection): KpiStatus {
  if (value === null) return 'no_data';
  // A value exactly 10% off (0.33 against 0.3) is at risk, though 0.33 - 0.3 > 0.3 * 0.1 in floating point.
  const margin = Math.abs(target) * AT_RISK_TOLERANCE * (1 + 1e-12);
  const shortfall = direction === 'higher_is_better' ? target - value : value - target;
  if (shortfall <= 0) return 'on';
  return shortfall <= margin ? 'at_risk' : 'off';
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const change = (value: number | null, previous: number | null) => (value === null || previous === null || previous === 0 ? null : (value - previous) / Math.abs(previous));

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rates from counts: conversion to next is null for the last unit (nothing follows it), every rate null without persons. */
export function unitNumbers(c: UnitCounts, hasNext: boolean): UnitNumbers {
  const conversionToNext = hasNext ? ratio(c.converted, c.persons) : null;
  return {
    persons: c.persons,
    events: c.events,
    conversionToNext,
    conversionToGoal: ratio(c.goalConverted, c.persons),
    dropOff: conversionToNext === null ? null : 1 - conversionToNext,
    medianTimeToNextMs: median(c.timesToNext),
  };
}

/** A touchpoint KPI's value from its counts; null for metrics not computed from events. */
export function kpiValue(metric: KpiMetric, c: UnitCounts, n: UnitNumbers): number | null {
  switch (metric) {
    case 'persons':
      return n.persons;
    case 'events':
      return n.events;
    case 'conversion_rate':
      return n.conversionToNext;
    case 'drop_off_rate':
      return n.dropOff;
    case 'median_time_to_next_ms':
      return n.medianTimeToNextMs;
    case 'repeat_rate':
      return ratio(c.repeaters, c.persons);
    case 'revenue':
      return c.revenueEvents > 0 ? c.revenue : null;
    case 'average_order_value':
      return ratio(c.revenue, c.revenueEvents);
    default:
      return null;
  }
}

/** The goal's value: of its own events, or as a share of the persons the map reached (conversion_rate). */
export function goalValue(metric: KpiMetric, g: GoalCounts): number | null {
  switch (metric) {
    case 'persons':
      return g.persons;
    case 'events':
      return g.events;
    case 'conversion_rate':
      return ratio(g.persons, g.mapPersons);
    case 'drop_off_rate': {
      const rate = ratio(g.persons, g.mapPersons);
      return rate === null ? null : 1 - rate;
    }
    case 'repeat_rate':
      return ratio(g.repeaters, g.persons);
    case 'revenue':
      return g.revenueEvents > 0 ? g.revenue : null;
    case 'average_order_value':
      return ratio(g.revenue, g.revenueEvents);
    default:
      return null;
  }
}

/** The live numbers of a map from the counts of its plan: rates, medians, KPI values and statuses, sparklines. */
export function shapeJourneyNumbers(map: JourneyMap, plan: JourneyNumbersPlan, counts: JourneyCounts): JourneyNumbers {
  const goalNow = goalValue(map.goal.metric, counts.current.goal);
  const goalBefore = goalValue(map.goal.metric, counts.previous.goal);
  const flat = map.stages.flatMap((s) => s.touchpoints);
  return {
    goal: { value: goalNow, target: map.goal.target, status: kpiStatus(goalNow, map.goal.target, map.goal.direction), previous: goalBefore, change: change(goalNow, goalBefore) },
    stages: map.stages.map((s, j) => {
      const hasNext = plan.stages[j]!.next !== null;
      return {
        stageId: s.id,
        ...unitNumbers(counts.current.stages[j]!, hasNext),
        previous: unitNumbers(counts.previous.stages[j]!, hasNext),
        sparkline: counts.sparkline.map((p) => ({ period: p.period, persons: p.stages[j]!.persons })),
      };
    }),
    touchpoints: flat.map((t, i) => {
      const hasNext = plan.touchpoints[i]!.next !== null;
      const now = unitNumbers(counts.current.touchpoints[i]!, hasNext);
      const before = unitNumbers(counts.previous.touchpoints[i]!, hasNext);
      return {
        touchpointId: t.id,
        stageId: t.stageId,
        ...now,
        kpis: t.kpis.map((k): KpiNumbers => {
          const value = kpiValue(k.metric, counts.current.touchpoints[i]!, now);
          const previous = kpiValue(k.metric, counts.previous.touchpoints[i]!, before);
          return { id: k.id, metric: k.metric, value, target: k.target, direction: k.direction, status: kpiStatus(value, k.target, k.direction), previous, change: change(value, previous) };
        }),
        previous: before,
        sparkline: counts.sparkline.map((p) => ({ period: p.period, persons: p.touchpoints[i]!.persons, events: p.touchpoints[i]!.events })),
      };
    }),
  };
}
