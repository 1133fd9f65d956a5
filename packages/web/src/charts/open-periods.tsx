import { periodCut, periodState, type Interval, type PeriodClock } from '@waymark/core';

/**
 * A category chart's shading of the periods not over yet, from the category `first` to the last
 * one, and of a first or last period the range counts only part of (`cuts`); nothing when there
 * is none. On a bar series, which covers whole columns: a line's would only run between its points.
 */
export function openPeriodsArea(labels: readonly string[], first: number, cuts: RangeCuts = NO_CUTS) {
  const columns = (a: number, b: number) => [{ xAxis: labels[a] }, { xAxis: labels[b] }];
  const last = labels.length - 1;
  // A cut period not over is shaded with the rest of those.
  const cut = new Set([...(cuts.first && first > 0 ? [0] : []), ...(cuts.last && first > last ? [last] : [])]);
  const data = [...[...cut].map((i) => columns(i, i)), ...(first <= last ? [columns(first, last)] : [])];
  return data.length === 0 ? undefined : { silent: true, itemStyle: { color: 'rgba(134, 142, 150, 0.16)' }, data };
}

/** Weeks and months are told by their days, days and hours by the time of day. */
const byDay = (interval: Interval) => interval === 'week' || interval === 'month';

/** When the range begins or ends inside a period: "27 Aug" for weeks and months, "01:00" for days and hours. */
const rangeEdge = (ms: number, interval: Interval, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, ...(byDay(interval) ? { day: 'numeric', month: 'short' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) }).format(ms);

/** What the range counts of a chart's first and last periods, when only part of them. */
export interface RangeCuts {
  readonly first: string | null;
  readonly last: string | null;
}
const NO_CUTS: RangeCuts = { first: null, last: null };

/**
 * The words for a chart's first period when the range begins inside it ("from 27 Aug"), and its
 * last when the range ends inside it and it is over ("up to 20 Nov"; one not over is shaded as
 * such). Only for analyses that count the range itself: trends, conversion over time. Retention,
 * stickiness and lifecycle count the whole periods the range overlaps.
 */
export function rangeCuts(labels: readonly string[], interval: Interval, clock: PeriodClock): RangeCuts {
  const { range, timeZone } = clock;
  const [first, last] = [labels[0], labels.at(-1)];
  if (!range || first === undefined || last === undefined) return NO_CUTS;
  return {
    first: periodCut(first, interval, clock).start ? `from ${rangeEdge(range.from, interval, timeZone)}` : null,
    last: periodCut(last, interval, clock).end && periodState(last, interval, clock.now, timeZone) === 'over' ? `up to ${rangeEdge(byDay(interval) ? range.to - 1 : range.to, interval, timeZone)}` : null,
  };
}

/** The note on the periods the range counts only part of, shaded on the chart; nothing without. */
export function CutPeriodsNote({ cuts, interval }: { cuts: RangeCuts; interval: Interval }) {
  return (
    <>
      {cuts.first && <span data-testid="cut-period"> The first {interval}, shaded, counts only {cuts.first}, where the range begins.</span>}
      {cuts.last && <span data-testid="cut-period"> The last {interval}, shaded, counts only {cuts.last}, where the range ends.</span>}
    </>
  );
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
