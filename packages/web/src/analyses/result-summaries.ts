import { cohortPeriodState, sameLine, type CalendarInterval, type LifecycleResult, type LifecycleStatus, type PeriodClock, type RetentionResult, type StickinessPeriod, type TrendLine } from '@waymark/core';

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

/** One point of the retention curve: of the persons in cohorts whose period `k` after theirs is over, those back then. */
export interface RetentionPoint {
  readonly k: number;
  readonly returned: number;
  readonly size: number;
  readonly cohorts: number;
}

/**
 * The retention curve: for each period after the cohort's, the share back then among the persons
 * of every cohort that has lived through that period (weighted by size). A period still going on
 * would pull the share down for no reason, so its cohorts wait until it is over; the curve ends
 * at the last period some non-empty cohort has lived through.
 */
export function retentionCurve(result: RetentionResult, clock: PeriodClock): RetentionPoint[] {
  const points: RetentionPoint[] = [];
  for (let k = 0; k <= result.periods; k++) {
    const over = result.cohorts.filter((c) => c.size > 0 && cohortPeriodState(c.cohort, k, result.interval, clock).state === 'over');
    if (over.length === 0) break;
    points.push({ k, returned: over.reduce((n, c) => n + (c.returned[k] ?? 0), 0), size: over.reduce((n, c) => n + c.size, 0), cohorts: over.length });
  }
  return points;
}
