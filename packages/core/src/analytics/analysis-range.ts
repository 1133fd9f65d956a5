import { Type } from '@sinclair/typebox';
import { WaymarkError } from '../errors/waymark-error.ts';
import { parseIsoTimestamp } from '../events/parse-timestamp.ts';
import { labelIndex } from './calendar-periods.ts';
import { bucketOf, isTimeZone, type Interval } from './time-buckets.ts';

/** A day, week or month period's label as results give it (its first day), naming one in a `personsAt`. */
export const CalendarLabel = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description}, as in the result (its first day, YYYY-MM-DD).` });

/** The time fields every analysis spec shares. `to` is exclusive. */
export const RangeFields = {
  from: Type.String({ description: 'ISO-8601; events at or after.' }),
  to: Type.String({ description: 'ISO-8601; events before.' }),
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
  const from = parseIsoTimestamp(spec.from);
  if (from === null) throw new WaymarkError('WM_REQUEST_INVALID', 'from', '"from" must be an ISO-8601 date-time');
  const to = parseIsoTimestamp(spec.to);
  if (to === null) throw new WaymarkError('WM_REQUEST_INVALID', 'to', '"to" must be an ISO-8601 date-time');
  if (to <= from) throw new WaymarkError('WM_REQUEST_INVALID', 'to', '"to" must be after "from"');
  if (to - from > maxDays * 86_400_000) throw new WaymarkError('WM_REQUEST_INVALID', 'to', `a range may be at most ${maxDays} days`);
  const timeZone = spec.timeZone ?? defaultTimeZone;
  if (!isTimeZone(timeZone)) throw new WaymarkError('WM_REQUEST_INVALID', 'timeZone', `"${timeZone}" is not a time zone`);
  return { from, to, timeZone };
}

/** The range of the same length just before `range`: what a comparison compares with. */
export const previousRange = (range: AnalysisRange): AnalysisRange => ({ ...range, from: range.from - (range.to - range.from), to: range.from });

/**
 * The range before, cut as far into it as `asOf` is into `range`: what a range not over yet
 * compares with like for like. Null unless `asOf` falls inside the range.
 */
export function previousRangeUpTo(range: AnalysisRange, asOf: number | null | undefined): AnalysisRange | null {
  if (asOf === null || asOf === undefined || !isInsideRange(range, asOf)) return null;
  const before = previousRange(range);
  return { ...before, to: before.from + (asOf - range.from) };
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
