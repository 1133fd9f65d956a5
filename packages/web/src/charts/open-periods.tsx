import type { Interval } from '@waymark/core';

/**
 * A category chart's shading of the periods not over yet, from the category `first` to the last
 * one; nothing when all are over. On a bar series, which covers whole columns: a line's would
 * only run between its points.
 */
export function openPeriodsArea(labels: readonly string[], first: number) {
  if (first >= labels.length) return undefined;
  return { silent: true, itemStyle: { color: 'rgba(134, 142, 150, 0.16)' }, data: [[{ xAxis: labels[first] }, { xAxis: labels[labels.length - 1] }]] };
}

/**
 * What the shading means, for `count` shaded periods: "The shaded day is not over yet: its
 * numbers can still grow." `because` replaces what follows "is" or "are".
 */
export function openPeriodsNote(count: number, interval: Interval, because?: string): string {
  const periods = count === 1 ? `The shaded ${interval} is` : `The shaded ${interval}s are`;
  return `${periods} ${because ?? `not over yet: ${count === 1 ? 'its' : 'their'} numbers can still grow`}.`;
}

/** That note, after the hint under a chart; nothing when no period is shaded. */
export function OpenPeriodsNote({ count, interval, because }: { count: number; interval: Interval; because?: string }) {
  return count > 0 ? <span data-testid="open-periods"> {openPeriodsNote(count, interval, because)}</span> : null;
}
