import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { WaymarkError, isWaymarkError } from '../../errors/waymark-error.ts';
import { EventMatcher } from '../../journey/journey-map.schema.ts';
import { pointerToPath } from '../../journey/validate-journey-map.ts';
import { RangeFields, readRange, type AnalysisRange } from '../analysis-range.ts';
import { bucketOf } from '../time-buckets.ts';

/**
 * Retention: persons enter a cohort in the period of their first-ever `cohortEvent`, and
 * `returned[k]` counts those who did `returnEvent` k periods later (docs/analytics/retention.md).
 *
 * This file also holds what retention, stickiness and lifecycle share: calendar periods as
 * integers, the whole periods a range covers, and spec validation.
 */

/** The periods retention, stickiness and lifecycle count in: whole calendar periods in a time zone. */
export const CALENDAR_INTERVALS = ['day', 'week', 'month'] as const;
export type CalendarInterval = (typeof CALENDAR_INTERVALS)[number];
export const isCalendarInterval = (value: unknown): value is CalendarInterval => (CALENDAR_INTERVALS as readonly unknown[]).includes(value);

export const RetentionSpec = Type.Object(
  {
    kind: Type.Literal('retention'),
    cohortEvent: EventMatcher,
    returnEvent: EventMatcher,
    interval: Type.Union(CALENDAR_INTERVALS.map((i) => Type.Literal(i)), { description: 'day, week (from Monday) or month, in the time zone.' }),
    periods: Type.Integer({ minimum: 1, maximum: 52, description: 'Report returns in periods 0..periods after the cohort period.' }),
    ...RangeFields,
  },
  { additionalProperties: false, $id: 'RetentionSpec' },
);
export type RetentionSpec = Static<typeof RetentionSpec>;

export interface RetentionCohort {
  /** The cohort period's label (`bucketOf`: its first day, `YYYY-MM-DD`). */
  readonly cohort: string;
  /** Persons whose first-ever cohort event falls in this period. */
  readonly size: number;
  /** `returned[k]`: cohort persons with a return event k periods after the cohort period (k = 0..periods). */
  readonly returned: readonly number[];
  /** `returned[k] / size` (0 for an empty cohort). */
  readonly rates: readonly number[];
}

export interface RetentionResult {
  readonly kind: 'retention';
  readonly interval: CalendarInterval;
  readonly periods: number;
  /** Every period the range overlaps, in order, empty cohorts included. */
  readonly cohorts: readonly RetentionCohort[];
}

export type SpecValidation<S> = { readonly kind: 'ok'; readonly spec: S } | { readonly kind: 'error'; readonly error: WaymarkError };

export interface ValidateAnalysisOptions {
  /** The time zone when the spec names none (the project's). Default UTC. */
  readonly defaultTimeZone?: string;
}

/**
 * Checks a retention spec: its shape, the values of property conditions, and the range.
 * The first problem is reported as WM_REQUEST_INVALID with the path of the bad field.
 *
 * @example
 * const r = validateRetentionSpec(body);
 * if (r.kind === 'error') reply.code(400).send(r.error.toBody()); // path: "returnEvent.where[0].value"
 */
export function validateRetentionSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<RetentionSpec> {
  return validateAnalysisSpec(RetentionSpec, input, options, (spec) => checkMatcher(spec.cohortEvent, 'cohortEvent') ?? checkMatcher(spec.returnEvent, 'returnEvent'));
}

/** Shape, then the spec's own checks, then the range (`from`, `to`, `timeZone`). */
export function validateAnalysisSpec<T extends TSchema>(
  schema: T,
  input: unknown,
  options: ValidateAnalysisOptions,
  check: (spec: Static<T>) => WaymarkError | null,
): SpecValidation<Static<T>> {
  const first = Value.Errors(schema, input).First();
  if (first) {
    const path = pointerToPath(first.path);
    return { kind: 'error', error: invalid(path, first.message.charAt(0).toLowerCase() + first.message.slice(1)) };
  }
  const spec = input as Static<T>;
  const problem = check(spec);
  if (problem) return { kind: 'error', error: problem };
  try {
    readRange(spec as { from: string; to: string; timeZone?: string }, options.defaultTimeZone ?? 'UTC');
  } catch (e) {
    if (isWaymarkError(e)) return { kind: 'error', error: e };
    throw e;
  }
  return { kind: 'ok', spec };
}

const invalid = (path: string, message: string) => new WaymarkError('WM_REQUEST_INVALID', path || null, path ? `${path}: ${message}` : message);

/** Condition values must fit their operator, or the reference and the SQL could not agree on a meaning. */
export function checkMatcher(matcher: EventMatcher, at: string): WaymarkError | null {
  for (const [i, c] of (matcher.where ?? []).entries()) {
    const path = `${at}.where[${i}].value`;
    const has = c.value !== undefined;
    switch (c.op) {
      case 'exists':
      case 'not_exists':
        if (has) return invalid(path, `"${c.op}" takes no value`);
        break;
      case 'in':
      case 'not_in':
        if (!Array.isArray(c.value) || c.value.length === 0) return invalid(path, `"${c.op}" needs a non-empty array`);
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (typeof c.value !== 'number' || !Number.isFinite(c.value)) return invalid(path, `"${c.op}" needs a number`);
        break;
      case 'contains':
        if (typeof c.value !== 'string' && typeof c.value !== 'number') return invalid(path, '"contains" needs a string');
        break;
      case 'eq':
      case 'neq':
        if (!has || (c.value !== null && typeof c.value === 'object')) return invalid(path, `"${c.op}" needs a string, number, boolean or null`);
        break;
    }
  }
  return null;
}

// Calendar periods as integers. Labels are dates, so "k periods later" is calendar arithmetic
// on the label, never milliseconds: a day is one period whether it has 23, 24 or 25 hours.

const DAY_MS = 86_400_000;
const MONDAY_1970_01_05 = 4;
const pad = (n: number) => String(n).padStart(2, '0');
const dateLabel = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** The number of the period a label (`YYYY-MM-DD`, as `bucketOf` makes it) names; SqlDialect `periodNumber` computes the same. */
export function periodNumber(label: string, interval: CalendarInterval): number {
  const y = Number(label.slice(0, 4));
  const m = Number(label.slice(5, 7));
  if (interval === 'month') return (y - 1970) * 12 + m - 1;
  const days = Date.UTC(y, m - 1, Number(label.slice(8, 10))) / DAY_MS;
  return interval === 'day' ? days : (days - MONDAY_1970_01_05) / 7;
}

/** The label of a period number: the inverse of `periodNumber`. */
export function periodLabel(n: number, interval: CalendarInterval): string {
  if (interval === 'month') return `${1970 + Math.floor(n / 12)}-${pad((((n % 12) + 12) % 12) + 1)}-01`;
  return dateLabel(interval === 'day' ? n * DAY_MS : (n * 7 + MONDAY_1970_01_05) * DAY_MS);
}

/** The period number of an instant in a time zone. */
export const periodOf = (ms: number, interval: CalendarInterval, timeZone: string): number => periodNumber(bucketOf(ms, interval, timeZone), interval);

/** UTC midnight of a period's first date: its start in any time zone lies within a day of it. */
const utcStart = (n: number, interval: CalendarInterval) => Date.parse(`${periodLabel(n, interval)}T00:00:00Z`);

export interface PeriodWindow {
  readonly interval: CalendarInterval;
  readonly timeZone: string;
  /** The numbers of the first and last period the range overlaps. */
  readonly first: number;
  readonly last: number;
  /** Every period the range overlaps, as labels, in order. */
  readonly labels: readonly string[];
}

/**
 * The whole periods a range overlaps: `from` rounds down to the start of its period, `to`
 * (exclusive) up to the end of the period holding its last millisecond.
 */
export function periodWindow(range: AnalysisRange, interval: CalendarInterval): PeriodWindow {
  const first = periodOf(range.from, interval, range.timeZone);
  const last = periodOf(range.to - 1, interval, range.timeZone);
  const labels: string[] = [];
  for (let n = first; n <= last; n++) labels.push(periodLabel(n, interval));
  return { interval, timeZone: range.timeZone, first, last, labels };
}

/**
 * Instants around periods `first..last`, for a cheap `timestamp` pre-filter before the exact
 * filter on period numbers: every event of those periods is in [lower, upper) whatever the time zone
 * (UTC offsets stay within a day).
 */
export function periodBounds(first: number, last: number, interval: CalendarInterval): { readonly lower: number; readonly upper: number } {
  return { lower: utcStart(first, interval) - DAY_MS, upper: utcStart(last + 1, interval) + DAY_MS };
}
