import type { DateRange } from '../map/date-range.ts';
import { rangeParams } from '../map/date-range.ts';
import { routePath } from '../shell/router.ts';
import type { CalendarInterval, FunnelOrder, Interval } from '@waymark/core';
import { DEFAULT_COHORTS, DEFAULT_FUNNEL_ORDER, DEFAULT_FUNNEL_WINDOW, DEFAULT_PATHS_STEPS, measureParam, type AnalysisSplit, type PathsDirection, type PathsScope, type RetentionReturn, type RetentionReturning, type TrendsMeasure } from './analysis-specs.ts';

export const ANALYSIS_KINDS = ['funnel', 'paths', 'retention', 'trends', 'lifecycle', 'stickiness'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

/** Where a cell of the map leads: an analysis of a stage's or a touchpoint's events, over the map's range. */
export interface AnalysisTarget {
  readonly kind: AnalysisKind;
  readonly journey: string;
  readonly stage?: string | undefined;
  readonly touchpoint?: string | undefined;
  readonly persona?: string | undefined;
  /** Only the persons of a saved cohort (`?cohort=` its id). */
  readonly cohort?: string | undefined;
  /** A funnel's or a trend's split (`?breakdown=channel`, `?breakdown=property:category`). */
  readonly breakdown?: AnalysisSplit | undefined;
  /** How many of the split's values are shown, when more than the default (`?values=100`). */
  readonly values?: number | undefined;
  /** Touchpoints (or, in the journey's funnel, stages) left out of the funnel (`?skip=a,b`). */
  readonly skip?: readonly string[] | undefined;
  /** The funnel ends at the map's goal (`?goal=1`). */
  readonly toGoal?: boolean | undefined;
  /** The funnel's conversion window in days (`?window=7`; default 30). */
  readonly windowDays?: number | undefined;
  /** How the funnel's steps follow each other (`?order=strict` or `any`; default in order). */
  readonly order?: FunnelOrder | undefined;
  /** A property every step of the funnel shares with the first (`?hold=checkout_id`, `$channel`). */
  readonly hold?: string | undefined;
  /** An event that voids a funnel's attempt when it comes between its first and last steps (`?exclude=Coupon Denied`). */
  readonly exclude?: string | undefined;
  /** Paths lead to the touchpoint instead of from it (`?direction=before`). */
  readonly direction?: PathsDirection | undefined;
  /** How many steps paths follow (`?steps=6`; default 4). */
  readonly steps?: number | undefined;
  /** Paths within each session instead of each person's whole range (`?within=session`). */
  readonly scope?: PathsScope | undefined;
  /** Retention counts returns to the touchpoint itself instead of the goal (`?return=touchpoint`). */
  readonly returnTo?: RetentionReturn | undefined;
  /** Retention counts persons back in each period or later, not only in it (`?returning=onOrAfter`). */
  readonly returning?: RetentionReturning | undefined;
  /** Retention's cohorts by day, week or month (`?cohorts=day`; default week). */
  readonly cohorts?: CalendarInterval | undefined;
  /** Trends measure a numeric property instead of counting persons and events (`?measure=avg:price`). */
  readonly measure?: TrendsMeasure | undefined;
  /** The periods of trends, lifecycle and stickiness (`?interval=week`; each has its default for the range). */
  readonly interval?: Interval | undefined;
  readonly range: DateRange;
}

/** A target as the analyses page reads it from its address: every choice filled in, defaults included. */
export type PageTarget = AnalysisTarget & Required<Pick<AnalysisTarget, 'windowDays' | 'order' | 'direction' | 'steps' | 'scope' | 'returnTo' | 'returning' | 'cohorts'>>;

export const skipFromParams = (params: URLSearchParams): string[] => (params.get('skip') ?? '').split(',').filter(Boolean);

export function analysisPath(project: string, target: AnalysisTarget): string {
  const params = new URLSearchParams({ kind: target.kind, journey: target.journey, ...rangeParams(target.range) });
  if (target.stage) params.set('stage', target.stage);
  if (target.touchpoint) params.set('touchpoint', target.touchpoint);
  if (target.persona) params.set('persona', target.persona);
  if (target.cohort) params.set('cohort', target.cohort);
  if (target.breakdown) params.set('breakdown', target.breakdown);
  if (target.breakdown && target.values) params.set('values', String(target.values));
  if (target.skip?.length) params.set('skip', target.skip.join(','));
  if (target.toGoal) params.set('goal', '1');
  if (target.windowDays && target.windowDays !== DEFAULT_FUNNEL_WINDOW) params.set('window', String(target.windowDays));
  if (target.order && target.order !== DEFAULT_FUNNEL_ORDER) params.set('order', target.order);
  if (target.hold) params.set('hold', target.hold);
  if (target.exclude) params.set('exclude', target.exclude);
  if (target.direction === 'before') params.set('direction', 'before');
  if (target.steps && target.steps !== DEFAULT_PATHS_STEPS) params.set('steps', String(target.steps));
  if (target.scope === 'session') params.set('within', 'session');
  if (target.returnTo === 'touchpoint') params.set('return', 'touchpoint');
  if (target.returning === 'onOrAfter') params.set('returning', 'onOrAfter');
  if (target.cohorts && target.cohorts !== DEFAULT_COHORTS) params.set('cohorts', target.cohorts);
  if (target.measure) params.set('measure', measureParam(target.measure));
  if (target.interval) params.set('interval', target.interval);
  return `${routePath(project, 'analyses')}?${params}`;
}
