import { sameLine, type CalendarInterval, type LifecycleResult, type LifecycleStatus, type StickinessPeriod, type TrendLine } from '@waymark/core';

/** Gained against lost over the range: (new + resurrecting) / dormant; above 1 the active base grows. Null without dormant persons. */
export function quickRatio(result: LifecycleResult): number | null {
  const sum = (status: LifecycleStatus) => result.periods.reduce((n, p) => n + p[status], 0);
  const dormant = sum('dormant');
  return dormant === 0 ? null : (sum('new') + sum('resurrecting')) / dormant;
}

/** Over the periods given, the persons active on exactly 1, 2, ... days of one, up to the most days anyone was (at least one entry). */
export function daysActive(periods: readonly StickinessPeriod[]): number[] {
  const width = periods[0]?.days.length ?? 1;
  const totals = Array.from({ length: width }, (_, i) => periods.reduce((n, p) => n + (p.days[i] ?? 0), 0));
  return totals.slice(0, Math.max(1, totals.findLastIndex((n) => n > 0) + 1));
}

/** The share of a period's persons active on two days or more; null for an empty period. */
export const repeatShare = (p: StickinessPeriod): number | null => (p.persons === 0 ? null : (p.persons - (p.days[0] ?? 0)) / p.persons);

/** The change of a line's total from its period before, as a share; null when there is nothing to compare with. */
export function changeFromPrevious(line: TrendLine, previous: TrendLine | undefined): number | null {
  if (!previous || line.total === null || !previous.total) return null;
  return (line.total - previous.total) / previous.total;
}

/** A table's period column: "Day", "Week" or "Month". */
export const PERIOD_HEADING: Readonly<Record<CalendarInterval, string>> = { day: 'Day', week: 'Week', month: 'Month' };

/**
 * A line's period before, up to the same point, as the chart draws it: a value only in the last
 * period it reaches, the one the point cuts short (earlier ones are the whole period before's).
 */
export function cutShortValues(soFar: { readonly lines: readonly TrendLine[] } | undefined, line: TrendLine): (number | null)[] | null {
  const values = soFar?.lines.find(sameLine(line))?.values;
  if (!values || values.length === 0) return null;
  return values.map((v, i) => (i === values.length - 1 ? v : null));
}
