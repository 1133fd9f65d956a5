import { Type } from '@sinclair/typebox';
import { WaymarkError } from '../errors/waymark-error.ts';
import { parseIsoTimestamp } from '../events/parse-timestamp.ts';
import { labelIndex, periodAfter, periodNumber } from './calendar-periods.ts';
import { bucketOf, dayStart, timeZoneName, type Interval } from './time-buckets.ts';

/** A day, week or month period's label as results give it (its first day), naming one in a `personsAt`. */
export const CalendarLabel = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description}, as in the result (its first day, YYYY-MM-DD).` });

/** The time fields every analysis spec shares. `to` is exclusive. */
export const RangeFields = {
  from: Type.String({ description: 'ISO-8601; events at or after. A date alone is the start of that day in `timeZone`.' }),
  to: Type.String({ description: 'ISO-8601; events before. A date alone is the start of that day in `timeZone`.' }),
  timeZone: Type.Optional(Type.String({ description: "IANA time zone for periods (default: the project's)." })),
};

/** "Now" as analyses read it: the start of its minute, so questions asked within a minute ask the same and share cached answers. */
export const minuteOf = (ms: number): number => Math.floor(ms / 60_000) * 60_000;

/** Whether `at` falls strictly inside a range: only a range not over yet has a point to compare the period before up to. */
export const isInsideRange = (range: { readonly from: number; readonly to: number }, at: number): boolean => at > range.from && at < range.to;

export interface AnalysisRange {
  readonly from: number;
  readonly to: number;
  readonly timeZone: string;
}

/** Checks and reads the range of a spec, naming the bad field. At most `maxDays` long. */
export function readRange(spec: { from: string; to: string; timeZone?: string | undefined }, defaultTimeZone: string, maxDays = 3660): AnalysisRange {
  const given = spec.timeZone ?? defaultTimeZone;
  const timeZone = timeZoneName(given);
  if (timeZone === null) throw new WaymarkError('WM_REQUEST_INVALID', 'timeZone', `"${given}" is not a time zone`);
  const from = rangeEnd(spec.from, timeZone);
  if (from === null) throw new WaymarkError('WM_REQUEST_INVALID', 'from', '"from" must be an ISO-8601 date or date-time');
  const to = rangeEnd(spec.to, timeZone);
  if (to === null) throw new WaymarkError('WM_REQUEST_INVALID', 'to', '"to" must be an ISO-8601 date or date-time');
  // Period numbers and labels count from 1970 (and labels have four-digit years).
  if (from < 0) throw new WaymarkError('WM_REQUEST_INVALID', 'from', '"from" must be in 1970 or later');
  if (to <= from) throw new WaymarkError('WM_REQUEST_INVALID', 'to', '"to" must be after "from"');
  if (to - from > maxDays * 86_400_000) throw new WaymarkError('WM_REQUEST_INVALID', 'to', `a range may be at most ${maxDays} days`);
  return { from, to, timeZone };
}

/**
 * A range's end: a date alone is a day of the range's time zone, from its first moment, so
 * `"from": "2026-01-05"` in New York begins that Monday there; a date-time is an instant (UTC
 * without an offset, as everywhere in Waymark).
 */
function rangeEnd(value: string, timeZone: string): number | null {
  const ms = parseIsoTimestamp(value);
  return ms !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayStart(value, timeZone) : ms;
}

/**
 * The range just before `range` that a comparison compares with: as many days of its time zone
 * when it is whole days there (30 days over a clock change are 30 days, not 720 hours, so each
 * day of a chart meets a day before), else the same length.
 */
export function previousRange(range: AnalysisRange): AnalysisRange {
  const days = wholeDays(range);
  if (days === null) return { ...range, from: range.from - (range.to - range.from), to: range.from };
  const first = bucketOf(range.from, 'day', range.timeZone);
  return { ...range, from: dayStart(periodAfter(first, -days, 'day'), range.timeZone), to: range.from };
}

/** How many days of its time zone a range is, when it begins and ends at the start of a day there; else null. */
function wholeDays({ from, to, timeZone }: AnalysisRange): number | null {
  const [first, end] = [bucketOf(from, 'day', timeZone), bucketOf(to, 'day', timeZone)];
  return dayStart(first, timeZone) === from && dayStart(end, timeZone) === to ? periodNumber(end, 'day') - periodNumber(first, 'day') : null;
}

/**
 * The range before, cut as far into it as `asOf` is into `range`: what a range not over yet
 * compares with like for like. Null unless `asOf` falls inside the range.
 */
export function previousRangeUpTo(range: AnalysisRange, asOf: number | null | undefined): AnalysisRange | null {
  if (asOf === null || asOf === undefined || !isInsideRange(range, asOf)) return null;
  const before = previousRange(range);
  // Days before may be an hour shorter (a clock change): the cut stays within them.
  return { ...before, to: Math.min(before.to, before.from + (asOf - range.from)) };
}

/** Every period label from `from` (inclusive) to `to` (exclusive), in order, empty ones too. */
export function bucketsIn(range: AnalysisRange, interval: Interval): string[] {
  const labels: string[] = [];
  // Hour steps see every label (time zones move by whole or half hours; DST days have 23 or 25).
  const step = interval === 'hour' ? 900_000 : 3_600_000;
  for (let t = range.from; t < range.to; t += step) {
    const label = bucketOf(t, interval, range.timeZone);
    if (labels[labels.length - 1] !== label) labels.push(label);
  }
  const last = bucketOf(range.to - 1, interval, range.timeZone);
  if (labels[labels.length - 1] !== last) labels.push(last);
  return labels;
}

/** The period a `personsAt.bucket` names, checked against the range's periods (an unknown label is a bad request naming it); undefined: the whole range. */
export function personsBucket(range: AnalysisRange, interval: Interval, bucket: string | undefined): string | undefined {
  if (bucket !== undefined) labelIndex(bucketsIn(range, interval), bucket, 'personsAt.bucket');
  return bucket;
}
