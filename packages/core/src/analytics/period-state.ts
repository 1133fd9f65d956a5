import { periodAfter, type CalendarInterval } from './calendar-periods.ts';
import { bucketOf, type Interval } from './time-buckets.ts';

/**
 * Where a period stands at a moment: `over`, `current` (still going on, so its counts can still
 * grow) or `future` (not begun). Charts shade what is not over, so that a last period that is
 * only partly there does not read as a drop.
 */
export type PeriodState = 'over' | 'current' | 'future';

/** The moment a result is read at, the time zone its periods are in and, when known, the range it counts (epoch ms, `to` exclusive). */
export interface PeriodClock {
  readonly now: number;
  readonly timeZone: string;
  readonly range?: { readonly from: number; readonly to: number };
}

/**
 * Whether the range counts only part of a period: `start` when it begins after the period does
 * (90 days back from a Thursday, by week: the first week counts from Thursday), `end` when it ends
 * before the period does. Such a period reads low against whole ones, as one not over does.
 */
export function periodCut(label: string, interval: Interval, clock: PeriodClock): { readonly start: boolean; readonly end: boolean } {
  const { range, timeZone } = clock;
  if (!range) return { start: false, end: false };
  const within = (ms: number) => bucketOf(ms, interval, timeZone) === label;
  return { start: within(range.from) && within(range.from - 1), end: within(range.to - 1) && within(range.to) };
}

/** The state at `now` of the period a label names (as `bucketOf` makes it: labels sort in time order). */
export function periodState(label: string, interval: Interval, now: number, timeZone: string): PeriodState {
  const at = bucketOf(now, interval, timeZone);
  return label < at ? 'over' : label === at ? 'current' : 'future';
}

/** The index of the first of `labels` (in time order) whose period is not over at `now`; `labels.length` when all are. */
export function firstOpenPeriod(labels: readonly string[], interval: Interval, now: number, timeZone: string): number {
  const at = bucketOf(now, interval, timeZone);
  const i = labels.findIndex((label) => label >= at);
  return i === -1 ? labels.length : i;
}

/** The label and state at `clock.now` of a retention cohort's `k`-th period after its own (0: its own). */
export function cohortPeriodState(cohort: string, k: number, interval: CalendarInterval, clock: PeriodClock): { label: string; state: PeriodState } {
  const label = periodAfter(cohort, k, interval);
  return { label, state: periodState(label, interval, clock.now, clock.timeZone) };
}
