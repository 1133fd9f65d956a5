import type { EventMatcher, JourneyMap, KpiMetric } from '../../journey/journey-map.schema.ts';
import type { Interval } from '../time-buckets.ts';
import { previousRange, previousRangeUpTo } from '../analysis-range.ts';

/** Sparkline periods of the live numbers. */
export const JOURNEY_NUMBER_INTERVALS = ['day', 'week'] as const satisfies readonly Interval[];
export type JourneyNumbersInterval = (typeof JOURNEY_NUMBER_INTERVALS)[number];
export const isJourneyNumbersInterval = (value: unknown): value is JourneyNumbersInterval => (JOURNEY_NUMBER_INTERVALS as readonly unknown[]).includes(value);

/** One column of the map that gets numbers: a touchpoint, or a stage (the union of its touchpoints). */
export interface JourneyUnit {
  readonly id: string;
  readonly matchers: readonly EventMatcher[];
  /** Index in the same list of the unit "next" means (the next touchpoint, or the next stage with touchpoints); null for the last. */
  readonly next: number | null;
  /** A stage's touchpoints, as indexes into the plan's touchpoints. */
  readonly parts?: readonly number[];
}

/**
 * What the live numbers of a map are computed from: its touchpoints and stages in map order,
 * the goal's matcher, the range and the equally long period before it. Ranges are epoch ms,
 * `to` exclusive; `previousFrom` = `from - (to - from)`. Read at `asOf` inside the range, the
 * period before ends as far into it (`previousTo`): a range not over yet compares like for like.
 */
export interface JourneyNumbersPlan {
  readonly touchpoints: readonly JourneyUnit[];
  readonly stages: readonly JourneyUnit[];
  readonly goal: EventMatcher;
  readonly previousFrom: number;
  /** The end of the period before: `from`, or as far into it as `asOf` is into the range. */
  readonly previousTo: number;
  readonly from: number;
  readonly to: number;
  readonly interval: JourneyNumbersInterval;
  readonly timeZone: string;
  /**
   * Event names whose `revenue` property is read: those of the touchpoints with a revenue or
   * average-order-value KPI, and of the goal when it measures one. Reading a property costs a
   * JSON parse per event, so the numbers read it only where a value needs it.
   */
  readonly revenueEvents: readonly string[];
}

const REVENUE_METRICS: readonly KpiMetric[] = ['revenue', 'average_order_value'];

/** The plan of a map over a range: touchpoints flattened in map order (stages left to right, then top to bottom). */
export function journeyNumbersPlan(map: JourneyMap, range: { from: number; to: number; timeZone: string; interval: JourneyNumbersInterval; asOf?: number }): JourneyNumbersPlan {
  const flat = map.stages.flatMap((s) => s.touchpoints);
  const touchpoints = flat.map((t, i): JourneyUnit => ({ id: t.id, matchers: t.matchers, next: i + 1 < flat.length ? i + 1 : null }));
  const withTouchpoints = map.stages.map((s, i) => [s, i] as const).filter(([s]) => s.touchpoints.length > 0).map(([, i]) => i);
  let at = 0;
  const stages = map.stages.map((s, i): JourneyUnit => ({
    id: s.id,
    matchers: s.touchpoints.flatMap((t) => t.matchers),
    next: withTouchpoints.find((j) => j > i) ?? null,
    parts: s.touchpoints.map(() => at++),
  }));
  const revenueEvents = new Set(flat.filter((t) => t.kpis.some((k) => REVENUE_METRICS.includes(k.metric))).flatMap((t) => t.matchers.map((m) => m.event)));
  if (REVENUE_METRICS.includes(map.goal.metric)) revenueEvents.add(map.goal.matcher.event);
  const { asOf, ...window } = range;
  const previousTo = previousRangeUpTo(range, asOf)?.to ?? range.from;
  return { touchpoints, stages, goal: map.goal.matcher, previousFrom: previousRange(range).from, previousTo, ...window, revenueEvents: [...revenueEvents] };
}

/** A unit's raw counts over one window: what SQL and the reference implementation both produce. */
export interface UnitCounts {
  /** Distinct persons with a matching event in the window. */
  readonly persons: number;
  readonly events: number;
  /** Persons whose next unit has an event after their first event of this unit, in the window. */
  readonly converted: number;
  /** Persons with a goal event after their first event of this unit, in the window. */
  readonly goalConverted: number;
  /** Persons with at least two events of this unit in the window. */
  readonly repeaters: number;
  /** Per converted person: from the first event of this unit to the first later event of the next unit, ascending. */
  readonly timesToNext: readonly number[];
  /** Sum of the numeric `revenue` property of matching events (of the plan's `revenueEvents`), and how many events carried one. */
  readonly revenue: number;
  readonly revenueEvents: number;
}

export interface GoalCounts {
  readonly persons: number;
  readonly events: number;
  readonly repeaters: number;
  readonly revenue: number;
  readonly revenueEvents: number;
  /** Persons with an event of any touchpoint of the map. */
  readonly mapPersons: number;
}

export interface WindowCounts {
  readonly touchpoints: readonly UnitCounts[];
  readonly stages: readonly UnitCounts[];
  readonly goal: GoalCounts;
}

export interface SparkPoint {
  readonly period: string;
  readonly touchpoints: readonly { readonly persons: number; readonly events: number }[];
  readonly stages: readonly { readonly persons: number; readonly events: number }[];
}

/** The raw answer: counts of the range and of the period before, and one point per period of the range (empty ones too). */
export interface JourneyCounts {
  readonly current: WindowCounts;
  readonly previous: WindowCounts;
  readonly sparkline: readonly SparkPoint[];
}
