import { bucketOf, dayStart, periodAfter, periodNumber } from '@waymark/core';

/**
 * The period the map's numbers cover, in whole days of the project's time zone. Presets end at
 * the next midnight there, so "last 7 days" means the seven calendar days up to and including
 * today, each a whole day of the project's, and two people looking the same day see the same
 * numbers wherever they are.
 */
export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface DateRange {
  readonly preset: RangePreset | 'custom';
  /** ISO-8601, inclusive: the start of the first day in `timeZone`. */
  readonly from: string;
  /** ISO-8601, exclusive: the start of the day after the last. */
  readonly to: string;
  /** The project's time zone, whose days the range is made of. */
  readonly timeZone: string;
}

/** The day of the time zone an ISO-8601 instant falls on. */
export const dayOf = (instant: string, timeZone: string): string => bucketOf(Date.parse(instant), 'day', timeZone);

/** From the first day's start to the start of the day after the last, in the time zone. */
function daysRange(preset: DateRange['preset'], first: string, last: string, timeZone: string): DateRange {
  return { preset, from: new Date(dayStart(first, timeZone)).toISOString(), to: new Date(dayStart(periodAfter(last, 1, 'day'), timeZone)).toISOString(), timeZone };
}

export function presetRange(days: RangePreset, timeZone: string, now: number = Date.now()): DateRange {
  const today = bucketOf(now, 'day', timeZone);
  return daysRange(days, periodAfter(today, 1 - days, 'day'), today, timeZone);
}

/** A calendar day as `YYYY-MM-DD` that exists: 30 February counts as 2 March, so its label is another. */
const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && periodAfter(value, 0, 'day') === value;

/** Two calendar days, both included (as date inputs give them), or null when they make no range. */
export function customRange(firstDay: string, lastDay: string, timeZone: string): DateRange | null {
  return isDay(firstDay) && isDay(lastDay) && firstDay <= lastDay ? daysRange('custom', firstDay, lastDay, timeZone) : null;
}

/** The days of a range as date inputs show them: the first and the last included day. */
export function rangeDays(range: Pick<DateRange, 'from' | 'to' | 'timeZone'>): { first: string; last: string } {
  return { first: dayOf(range.from, range.timeZone), last: bucketOf(Date.parse(range.to) - 1, 'day', range.timeZone) };
}

/** The range's instants in epoch ms, as core's clocks and ranges take them. */
export const rangeMs = (range: DateRange): { from: number; to: number } => ({ from: Date.parse(range.from), to: Date.parse(range.to) });

/** How many calendar days a range holds: October in Berlin is 31, though 31 days and an hour long. */
export const rangeLength = (range: DateRange): number => {
  const { first, last } = rangeDays(range);
  return periodNumber(last, 'day') - periodNumber(first, 'day') + 1;
};

/** Days per sparkline point: daily up to a month, weekly beyond. */
export const rangeInterval = (range: DateRange): 'day' | 'week' => (rangeLength(range) <= 31 ? 'day' : 'week');

/** `?range=30` or `?from=2026-01-01&to=2026-01-31` in the address, so a link shows the same numbers. */
export function rangeFromParams(params: URLSearchParams, timeZone: string, now: number = Date.now()): DateRange {
  const from = params.get('from');
  const to = params.get('to');
  if (from && to) {
    // Swapped by hand, the days still name the range between them.
    const custom = customRange(from, to, timeZone) ?? customRange(to, from, timeZone);
    if (custom) return custom;
  }
  const days = Number(params.get('range'));
  return presetRange((RANGE_PRESETS as readonly number[]).includes(days) ? (days as RangePreset) : 30, timeZone, now);
}

export function rangeParams(range: DateRange): Record<string, string> {
  if (range.preset !== 'custom') return { range: String(range.preset) };
  const { first, last } = rangeDays(range);
  return { from: first, to: last };
}
