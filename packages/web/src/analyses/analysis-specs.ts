import type { EventMatcher, JourneyMap, JourneyStage, JourneyTouchpoint } from '@waymark/core';
import type { DateRange } from '../map/date-range.ts';
import { rangeInterval } from '../map/date-range.ts';

/**
 * The analysis behind a cell of the map, as a spec for `POST /query`. A touchpoint is "any of
 * its events"; a funnel step is one matcher, so a touchpoint steps in with its first event.
 */

export const FUNNEL_WINDOW_DAYS = 30;

const touchpointsOf = (map: JourneyMap) => map.stages.flatMap((s) => s.touchpoints);

/** The steps of a stage's funnel: its touchpoints in order, and the next stage's first one when the stage has a single touchpoint. */
export function stageFunnelSteps(map: JourneyMap, stage: JourneyStage): JourneyTouchpoint[] {
  const steps = stage.touchpoints.slice(0, 20);
  if (steps.length >= 2) return steps;
  const next = map.stages.slice(map.stages.indexOf(stage) + 1).find((s) => s.touchpoints.length > 0)?.touchpoints[0];
  return next ? [...steps, next] : steps;
}

/** A step of a funnel on the analyses page: a touchpoint (by its first event) or the map's goal. */
export interface FunnelStep {
  readonly id: string;
  readonly name: string;
  readonly matcher: EventMatcher;
}

export const GOAL_STEP_ID = '$goal';

/**
 * The steps of a stage's funnel as chosen on the page: its touchpoints (`stageFunnelSteps`)
 * without those in `skip`, then the map's goal when `toGoal`. Touchpoints are often
 * alternatives (an optional coupon field), so people leave some out rather than see 0%.
 */
export function chosenFunnelSteps(map: JourneyMap, stage: JourneyStage, skip: ReadonlySet<string>, toGoal: boolean): FunnelStep[] {
  const steps: FunnelStep[] = stageFunnelSteps(map, stage)
    .filter((t) => !skip.has(t.id))
    .map((t) => ({ id: t.id, name: t.name, matcher: t.matchers[0]! }));
  return toGoal ? [...steps, { id: GOAL_STEP_ID, name: map.goal.name, matcher: map.goal.matcher }] : steps;
}

/** What a funnel can be split by on the analyses page: the channel of each person's first step. */
export const FUNNEL_BREAKDOWNS = ['channel'] as const;
export type FunnelBreakdown = (typeof FUNNEL_BREAKDOWNS)[number];

export function funnelSpec(steps: readonly EventMatcher[], range: DateRange, options: { personsAt?: { step: number; outcome: 'converted' | 'dropped' }; breakdown?: FunnelBreakdown | undefined } = {}) {
  return {
    kind: 'funnel',
    steps,
    window: { value: FUNNEL_WINDOW_DAYS, unit: 'day' },
    order: 'ordered',
    from: range.from,
    to: range.to,
    interval: rangeInterval(range),
    histogramBuckets: 12,
    ...(options.personsAt && { personsAt: options.personsAt }),
    ...(options.breakdown && { breakdown: { by: options.breakdown } }),
  };
}

/** The events a map is made of: paths follow those, not the page's autocaptured clicks and vitals. */
export const mapEvents = (map: JourneyMap): string[] => [...new Set([...touchpointsOf(map).flatMap((t) => t.matchers.map((m) => m.event)), map.goal.matcher.event])].sort();

export function pathsSpec(anchor: EventMatcher, range: DateRange, include?: readonly string[]) {
  return { kind: 'paths', anchor, direction: 'after', steps: 4, topEdges: 8, scope: 'person', from: range.from, to: range.to, ...(include && { include }) };
}

/** Who comes back to the journey's goal after a first time at the touchpoint, week by week. */
export function retentionSpec(cohortEvent: EventMatcher, returnEvent: EventMatcher, range: DateRange) {
  return { kind: 'retention', cohortEvent, returnEvent, interval: 'week', periods: 8, from: range.from, to: range.to };
}

export function trendsSpec(matchers: readonly EventMatcher[], range: DateRange) {
  return {
    kind: 'trends',
    interval: rangeInterval(range),
    from: range.from,
    to: range.to,
    compare: true,
    series: matchers.slice(0, 5).flatMap((matcher) => [
      { matcher, measure: 'persons' },
      { matcher, measure: 'count' },
    ]),
  };
}

/** Who is new, returning, resurrecting or dormant at a touchpoint, per period of the range. */
export function lifecycleSpec(matcher: EventMatcher, range: DateRange) {
  return { kind: 'lifecycle', matcher, interval: rangeInterval(range), from: range.from, to: range.to };
}

/** On how many days of each week persons come to a touchpoint (of each month, past three months). */
export function stickinessSpec(matcher: EventMatcher, range: DateRange) {
  const interval = Date.parse(range.to) - Date.parse(range.from) <= 92 * 86_400_000 ? 'week' : 'month';
  return { kind: 'stickiness', matcher, interval, from: range.from, to: range.to };
}

export const findStage = (map: JourneyMap, id: string | null) => map.stages.find((s) => s.id === id);
export const findTouchpointIn = (map: JourneyMap, id: string | null) => touchpointsOf(map).find((t) => t.id === id);
export const firstTouchpoint = (map: JourneyMap) => touchpointsOf(map)[0];

/** "Order Completed where step eq 2" */
export function matcherLabel(m: EventMatcher): string {
  const where = (m.where ?? []).map((c) => `${c.property} ${c.op}${c.value === undefined ? '' : ` ${JSON.stringify(c.value)}`}`);
  return where.length ? `${m.event} where ${where.join(' and ')}` : m.event;
}
