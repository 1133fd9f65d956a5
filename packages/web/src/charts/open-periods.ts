import type { Interval } from '@waymark/core';

/** The moment an answer is read at, and the project's time zone its periods are in. */
export interface PeriodClock {
  readonly now: number;
  readonly timeZone: string;
}

/**
 * A category chart's shading of the periods not over yet, from the category `first` to the last
 * one; nothing when all are over. Bars shade whole bands. A line has only points, so its shading
 * starts at the point before, over the stretch of line that leads into the first open period.
 */
export function openPeriodsArea(labels: readonly string[], first: number, chart: 'bars' | 'line') {
  if (first >= labels.length) return undefined;
  const from = chart === 'line' ? Math.max(0, first - 1) : first;
  return { silent: true, itemStyle: { color: 'rgba(134, 142, 150, 0.16)' }, data: [[{ xAxis: labels[from] }, { xAxis: labels[labels.length - 1] }]] };
}

/**
 * What the shading means, for `count` shaded periods: "The shaded day is not over yet: its
 * numbers can still grow." `because` replaces the reason after "The shaded days".
 */
export function openPeriodsNote(count: number, interval: Interval, because?: string): string {
  const periods = count === 1 ? `The shaded ${interval} is` : `The shaded ${interval}s are`;
  return `${periods} ${because ?? `not over yet: ${count === 1 ? 'its' : 'their'} numbers can still grow`}.`;
}
