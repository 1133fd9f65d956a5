import { WaymarkError } from '../errors/waymark-error.ts';
import type { AnalysisRange } from './analysis-range.ts';
import { bucketOf } from './time-buckets.ts';

/** The periods retention, stickiness and lifecycle count in: whole calendar periods in a time zone. */
export const CALENDAR_INTERVALS = ['day', 'week', 'month'] as const;
export type CalendarInterval = (typeof CALENDAR_INTERVALS)[number];
export const isCalendarInterval = (value: unknown): value is CalendarInterval => (CALENDAR_INTERVALS as readonly unknown[]).includes(value);

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

/** The label of the period `k` periods after the one `label` names (before it for a negative `k`): calendar arithmetic, so a day is one whatever its hours. */
export const periodAfter = (label: string, k: number, interval: CalendarInterval): string => periodLabel(periodNumber(label, interval) + k, interval);

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

/** The index of `label` among a window's `labels`; a label outside the range is a bad request naming `field`. */
export function labelIndex(labels: readonly string[], label: string, field: string): number {
  const index = labels.indexOf(label);
  if (index < 0) throw new WaymarkError('WM_REQUEST_INVALID', field, `${field}: "${label}" is not a period of the range (${labels[0]} to ${labels.at(-1)})`);
  return index;
}

/**
 * Instants around periods `first..last`, for a cheap `timestamp` pre-filter before the exact
 * filter on period numbers: every event of those periods is in [lower, upper) whatever the time zone
 * (UTC offsets stay within a day).
 */
export function periodBounds(first: number, last: number, interval: CalendarInterval): { readonly lower: number; readonly upper: number } {
  return { lower: utcStart(first, interval) - DAY_MS, upper: utcStart(last + 1, interval) + DAY_MS };
}
