import { isCalendarInterval, MAX_FUNNEL_STEPS, isInsideRange, isFunnelOrder, selectorName, type CalendarInterval, type EventMatcher, type FunnelOrder, type FunnelSpec, type EventSelector, type FunnelStep, type Interval, type JourneyMap, type JourneyStage, type JourneyTouchpoint, type RetentionSpec, type TrendMeasure } from '@waymark/core';
import { rangeInterval, rangeLength, rangeMs, type DateRange } from '../map/date-range.ts';

/**
 * The analysis behind a cell of the map, as a spec for `POST /query`. A touchpoint is "any of
 * its events" and a stage any of its touchpoints' events, in every analysis.
 */

/** The conversion windows people can pick, in days (`?window=7`); 30 unless the address says otherwise. */
export const FUNNEL_WINDOWS = [1, 7, 14, 30, 90] as const;
export const DEFAULT_FUNNEL_WINDOW = 30;
export const funnelWindow = (value: string | null): number => FUNNEL_WINDOWS.find((days) => String(days) === value) ?? DEFAULT_FUNNEL_WINDOW;
/** How the funnel's steps must follow each other (`?order=strict`); in order unless the address says otherwise. */
export const DEFAULT_FUNNEL_ORDER: FunnelOrder = 'ordered';
export const funnelOrder = (value: string | null): FunnelOrder => (isFunnelOrder(value) ? value : DEFAULT_FUNNEL_ORDER);

const touchpointsOf = (map: JourneyMap) => map.stages.flatMap((s) => s.touchpoints);

/** The steps of a stage's funnel: its touchpoints in order, and the next stage's first one when the stage has a single touchpoint. */
export function stageFunnelSteps(map: JourneyMap, stage: JourneyStage): JourneyTouchpoint[] {
  const steps = stage.touchpoints.slice(0, MAX_FUNNEL_STEPS);
  if (steps.length >= 2) return steps;
  const next = map.stages.slice(map.stages.indexOf(stage) + 1).find((s) => s.touchpoints.length > 0)?.touchpoints[0];
  return next ? [...steps, next] : steps;
}

/** The `stage` of the funnel through the whole journey: one step per stage with touchpoints. */
export const JOURNEY_FUNNEL = '$journey';
export const GOAL_STEP_ID = '$goal';

/** A step people can pick for a funnel on the analyses page: a touchpoint, a stage or the map's goal. */
export interface FunnelChoice {
  readonly id: string;
  readonly name: string;
  readonly step: FunnelStep;
}

/** Any of some matchers, each once (touchpoints of a stage may share events); every one of them, as the map's own numbers count them. */
function anyOf(matchers: readonly EventMatcher[], name: string): EventSelector {
  const once = [...new Map(matchers.map((m) => [JSON.stringify(m), m])).values()];
  return once.length === 1 ? once[0]! : { anyOf: once, name };
}

/** The events of a touchpoint: any of its matchers. */
export const touchpointEvents = (t: JourneyTouchpoint): EventSelector => anyOf(t.matchers, t.name);

/**
 * The steps a funnel can go through: a stage's touchpoints (`stageFunnelSteps`), each reached
 * through any of its events, or with `JOURNEY_FUNNEL` the map's stages, each reached through any
 * event of any of its touchpoints.
 */
export function funnelChoices(map: JourneyMap, stage: JourneyStage | typeof JOURNEY_FUNNEL): FunnelChoice[] {
  if (stage === JOURNEY_FUNNEL) {
    return map.stages
      .filter((s) => s.touchpoints.length > 0)
      .slice(0, MAX_FUNNEL_STEPS)
      .map((s) => ({ id: s.id, name: s.name, step: anyOf(s.touchpoints.flatMap((t) => t.matchers), s.name) }));
  }
  return stageFunnelSteps(map, stage).map((t) => ({ id: t.id, name: t.name, step: touchpointEvents(t) }));
}

/**
 * The funnel's steps as chosen on the page: the choices without those in `skip`, then the map's
 * goal when `toGoal`. Touchpoints are often alternatives (an optional coupon field), so people
 * leave some out rather than see 0%.
 */
export function chosenFunnelSteps(map: JourneyMap, stage: JourneyStage | typeof JOURNEY_FUNNEL, skip: ReadonlySet<string>, toGoal: boolean): FunnelChoice[] {
  const steps = funnelChoices(map, stage).filter((c) => !skip.has(c.id));
  // A funnel has at most 20 steps, the goal's included.
  return toGoal ? [...steps.slice(0, MAX_FUNNEL_STEPS - 1), { id: GOAL_STEP_ID, name: map.goal.name, step: map.goal.matcher }] : steps;
}

/** "Checkout Started", or "Discovery (any of 3 events)". */
export const selectorLabel = (events: EventSelector): string => ('anyOf' in events ? `${selectorName(events)} (any of ${events.anyOf.length} events)` : matcherLabel(events));

/** “Order Shipped”, or “Order Shipped” or “Order Delivered”: a touchpoint's events in a sentence. */
export function eventsPhrase(events: EventSelector): string {
  const quoted = ('anyOf' in events ? events.anyOf : [events]).map((m) => `“${matcherLabel(m)}”`);
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/**
 * What a funnel or a trend can be split by on the analyses page (`?breakdown=`): the channel
 * (`channel`) or a property of the events (`property:category`); in a funnel, of each person's
 * first step.
 */
export type AnalysisSplit = 'channel' | `property:${string}`;
const PROPERTY_SPLIT = 'property:';
export const analysisSplit = (value: string | null): AnalysisSplit | undefined =>
  value === 'channel' || (value?.startsWith(PROPERTY_SPLIT) && value.length > PROPERTY_SPLIT.length) ? (value as AnalysisSplit) : undefined;
/** The split by a property of the events. */
export const propertySplit = (property: string): AnalysisSplit => `${PROPERTY_SPLIT}${property}`;
/** The property a split reads: `$channel` for the channel. */
export const splitProperty = (split: AnalysisSplit): string => (split === 'channel' ? '$channel' : split.slice(PROPERTY_SPLIT.length));
/** "channel", or “category”: a split in a sentence. */
export const splitName = (split: AnalysisSplit): string => (split === 'channel' ? 'channel' : `“${splitProperty(split)}”`);

/** What a trend can measure of a numeric property (`?measure=avg:price`), besides its persons and events. */
export const PROPERTY_MEASURES = ['sum', 'avg', 'p50', 'p90', 'p99', 'min', 'max'] as const satisfies readonly TrendMeasure[];
export type PropertyMeasure = (typeof PROPERTY_MEASURES)[number];
export const MEASURE_NAME: Record<PropertyMeasure, string> = { sum: 'sum', avg: 'average', p50: 'median', p90: '90th percentile', p99: '99th percentile', min: 'lowest', max: 'highest' };
export interface TrendsMeasure {
  readonly measure: PropertyMeasure;
  readonly property: string;
}
export function trendsMeasure(value: string | null): TrendsMeasure | undefined {
  const at = value?.indexOf(':') ?? -1;
  const measure = PROPERTY_MEASURES.find((m) => m === value?.slice(0, at));
  return measure && at + 1 < value!.length ? { measure, property: value!.slice(at + 1) } : undefined;
}
export const measureParam = (m: TrendsMeasure): string => `${m.measure}:${m.property}`;

/** The analyses whose periods people pick (`?interval=week`). */
export type PeriodKind = 'trends' | 'lifecycle' | 'stickiness';
/**
 * The periods an analysis can count in: trends per hour only over a month at most (more points
 * than a chart shows apart); stickiness counts days active in a week or a month.
 */
export function intervalChoices(kind: PeriodKind, range: DateRange): Interval[] {
  if (kind === 'stickiness') return ['week', 'month'];
  return [...(kind === 'trends' && rangeLength(range) <= 31 ? (['hour'] as const) : []), 'day', 'week', 'month'];
}
/** The interval the address asks for (`?interval=week`) when the analysis allows it; else day up to a month and week beyond (stickiness: week up to three months, month beyond). */
export function pageInterval(kind: PeriodKind, value: string | null | undefined, range: DateRange): Interval {
  return intervalChoices(kind, range).find((i) => i === value) ?? (kind === 'stickiness' ? stickinessInterval(range) : rangeInterval(range));
}

/** The persons of a funnel's number: reached or dropped before a step, of one group (`breakdown`) or period (`bucket`). */
export type FunnelPersonsAt = NonNullable<FunnelSpec['personsAt']>;

export interface FunnelOptions {
  readonly personsAt?: FunnelPersonsAt;
  readonly breakdown?: AnalysisSplit | undefined;
  /** How many of the split's values it shows (default the API's). */
  readonly values?: number | undefined;
  readonly windowDays?: number | undefined;
  readonly order?: FunnelOrder | undefined;
  /** A property every step must share with the first (`holdConstant`), `$channel` for the channel. */
  readonly hold?: string | undefined;
  /** An event that voids an attempt when it comes between the first and the last step. */
  readonly exclude?: string | undefined;
}

export function funnelSpec(steps: readonly FunnelStep[], range: DateRange, options: FunnelOptions = {}) {
  return {
    kind: 'funnel',
    steps,
    window: { value: options.windowDays ?? DEFAULT_FUNNEL_WINDOW, unit: 'day' },
    order: options.order ?? DEFAULT_FUNNEL_ORDER,
    from: range.from,
    to: range.to,
    interval: rangeInterval(range),
    histogramBuckets: 12,
    ...(options.personsAt && { personsAt: options.personsAt }),
    ...(options.breakdown && { breakdown: breakdownOf(options.breakdown, options.values) }),
    ...(options.hold && { holdConstant: [options.hold] }),
    ...(options.exclude && { exclusions: [{ matcher: { event: options.exclude }, afterStep: 0, beforeStep: steps.length - 1 }] }),
  };
}

/** The events a map is made of: paths follow those, not the page's autocaptured clicks and vitals. */
export const mapEvents = (map: JourneyMap): string[] => [...new Set([...touchpointsOf(map).flatMap((t) => t.matchers.map((m) => m.event)), map.goal.matcher.event])].sort();

/** Paths go from a touchpoint (`after`, what persons did next) or lead to it (`before`). */
export type PathsDirection = 'after' | 'before';
export const pathsDirection = (value: string | null): PathsDirection => (value === 'before' ? 'before' : 'after');

/** How many values a split shows (`?values=`): the API's default, then more on asking. */
export const SPLIT_VALUES = [25, 100, 1000] as const;
export const splitValues = (value: string | null): number | undefined => SPLIT_VALUES.slice(1).find((n) => String(n) === value);
/** The next step up from `shown` values, if any. */
export const moreSplitValues = (shown: number | undefined): number | undefined => SPLIT_VALUES.find((n) => n > (shown ?? SPLIT_VALUES[0]));
/** A split as a spec's `breakdown`, with how many values it shows when more than the default. */
const breakdownOf = (split: AnalysisSplit, values: number | undefined) => ({ property: splitProperty(split), ...(values !== undefined && { limit: values }) });

/** How many steps paths follow (`?steps=6`; default 4), and whether within each person's whole range or each session (`?within=session`). */
export const PATHS_STEPS = [2, 3, 4, 5, 6, 8] as const;
export const DEFAULT_PATHS_STEPS = 4;
export const pathsSteps = (value: string | null): number => PATHS_STEPS.find((n) => String(n) === value) ?? DEFAULT_PATHS_STEPS;
export type PathsScope = 'person' | 'session';
export const pathsScope = (value: string | null): PathsScope => (value === 'session' ? 'session' : 'person');

export interface PathsOptions {
  readonly include?: readonly string[] | undefined;
  readonly direction?: PathsDirection | undefined;
  readonly steps?: number | undefined;
  readonly scope?: PathsScope | undefined;
}

export function pathsSpec(anchor: EventSelector, range: DateRange, options: PathsOptions = {}) {
  const { include, direction = 'after', steps = DEFAULT_PATHS_STEPS, scope = 'person' } = options;
  return { kind: 'paths', anchor, direction, steps, topEdges: 8, scope, from: range.from, to: range.to, ...(include && { include }) };
}

/** What retention counts as coming back: the map's goal, or the touchpoint itself again. */
export type RetentionReturn = 'goal' | 'touchpoint';
export const retentionReturn = (value: string | null): RetentionReturn => (value === 'touchpoint' ? 'touchpoint' : 'goal');

/** Whether retention counts persons back in each period only (`on`), or in it or any later one (`onOrAfter`, unbounded retention). */
export type RetentionReturning = NonNullable<RetentionSpec['returning']>;
export const retentionReturning = (value: string | null): RetentionReturning => (value === 'onOrAfter' ? 'onOrAfter' : 'on');

/** Retention's cohorts: by week unless the address says day or month (`?cohorts=day`), with as many periods after as fit a season. */
export const DEFAULT_COHORTS: CalendarInterval = 'week';
export const retentionInterval = (value: string | null): CalendarInterval => (isCalendarInterval(value) ? value : DEFAULT_COHORTS);
const RETENTION_PERIODS: Readonly<Record<CalendarInterval, number>> = { day: 14, week: 8, month: 6 };

/** Who comes back (to the journey's goal, or to the touchpoint again) after a first time at the touchpoint, period by period. */
export function retentionSpec(cohortEvent: EventSelector, returnEvent: EventSelector, range: DateRange, interval: CalendarInterval = DEFAULT_COHORTS, returning: RetentionReturning = 'on') {
  return { kind: 'retention', cohortEvent, returnEvent, interval, periods: RETENTION_PERIODS[interval], ...(returning === 'onOrAfter' && { returning }), from: range.from, to: range.to };
}

/** What the trends page can choose: a split, a measure of a property (instead of persons and events), the interval (default: the range's). */
export interface TrendsOptions {
  readonly split?: AnalysisSplit | undefined;
  /** How many of the split's values get lines (default the API's). */
  readonly values?: number | undefined;
  readonly measure?: TrendsMeasure | undefined;
  readonly interval?: Interval | undefined;
  /** When the page reads the trend (epoch ms): inside the range, the period before is also counted up to the same point. */
  readonly asOf?: number | undefined;
  /** The series' names as the page shows them (`trendsLabels`), so the API's lines and a CSV's columns carry them too. */
  readonly labels?: readonly string[] | undefined;
}

/**
 * A touchpoint's trends: its persons and events, then (with several events) each event's count;
 * or, with a measure, that measure of a property of its events. Split, only those, per value.
 */
export function trendsSpec(events: EventSelector, range: DateRange, options: TrendsOptions = {}) {
  const { split, measure, asOf, labels } = options;
  // Only a range not over yet has a point to compare up to; one in the past stays the same spec (and cached).
  const inRange = asOf !== undefined && isInsideRange(rangeMs(range), asOf);
  return {
    kind: 'trends',
    interval: pageInterval('trends', options.interval, range),
    from: range.from,
    to: range.to,
    compare: true,
    ...(inRange && { asOf: new Date(asOf).toISOString() }),
    series: (measure
      ? [{ matcher: events, measure: measure.measure, property: measure.property }]
      : [{ matcher: events, measure: 'persons' }, { matcher: events, measure: 'count' }, ...eachEvent(events, split).map((matcher) => ({ matcher, measure: 'count' }))]
    ).map((series, i) => (labels?.[i] ? { ...series, label: labels[i].slice(0, 200) } : series)),
    ...(split && { breakdown: breakdownOf(split, options.values) }),
  };
}

/** The names of the series of a touchpoint's `trendsSpec`, in its order: the touchpoint's name, not its events' conditions, then each event's. */
export function trendsLabels(touchpoint: JourneyTouchpoint, options: TrendsOptions = {}): string[] {
  const { name } = touchpoint;
  if (options.measure) return [`${name}: ${MEASURE_NAME[options.measure.measure]} ${options.measure.property}`];
  return [`${name}: persons`, `${name}: events`, ...eachEvent(touchpointEvents(touchpoint), options.split).map((m) => `${matcherLabel(m)}: events`)];
}

const eachEvent = (events: EventSelector, split: AnalysisSplit | undefined): readonly EventMatcher[] => ('anyOf' in events && !split ? events.anyOf.slice(0, 8) : []);

/** Who is new, returning, resurrecting or dormant at a touchpoint, per period of the range. */
export function lifecycleSpec(matcher: EventSelector, range: DateRange, interval?: string) {
  return { kind: 'lifecycle', matcher, interval: pageInterval('lifecycle', interval, range), from: range.from, to: range.to };
}

/** On how many days of each week persons come to a touchpoint (of each month, past three months). */
export function stickinessSpec(matcher: EventSelector, range: DateRange, interval?: string) {
  return { kind: 'stickiness', matcher, interval: pageInterval('stickiness', interval, range), from: range.from, to: range.to };
}
const stickinessInterval = (range: DateRange) => (rangeLength(range) <= 92 ? 'week' : 'month');

export const findStage = (map: JourneyMap, id: string | null) => map.stages.find((s) => s.id === id);
export const findTouchpointIn = (map: JourneyMap, id: string | null) => touchpointsOf(map).find((t) => t.id === id);
export const firstTouchpoint = (map: JourneyMap) => touchpointsOf(map)[0];

/** "Order Completed where step eq 2" */
export function matcherLabel(m: EventMatcher): string {
  const where = (m.where ?? []).map((c) => `${c.property} ${c.op}${c.value === undefined ? '' : ` ${JSON.stringify(c.value)}`}`);
  return where.length ? `${m.event} where ${where.join(' and ')}` : m.event;
}
