import type { AnalysisEvent } from '../analysis-event.ts';
import { readRange } from '../analysis-range.ts';
import { matchesSelector } from '../matchers/event-selector.ts';
import { periodOf, periodWindow, type PeriodWindow } from '../calendar-periods.ts';
import { personsPeriod, STICKINESS_MAX_DAYS, type StickinessResult, type StickinessSpec } from './stickiness.spec.ts';

/**
 * Stickiness computed from an array of events (the oracle for the SQL): per period, persons by
 * the number of distinct local dates they did the event on in it.
 *
 * @example stickinessReference({ kind: 'stickiness', matcher: { event: '$page' }, interval: 'week', from: '2026-01-05', to: '2026-03-02' }, events)
 */
export function stickinessReference(spec: StickinessSpec, events: readonly AnalysisEvent[], defaultTimeZone = 'UTC'): StickinessResult {
  const range = readRange(spec, defaultTimeZone);
  const window = periodWindow(range, spec.interval);
  const daysOf = new Map<string, Set<number>>();
  for (const e of events) {
    if (!matchesSelector(spec.matcher, e)) continue;
    const n = periodOf(e.timestamp, spec.interval, range.timeZone);
    if (n < window.first || n > window.last) continue;
    const key = `${n} ${e.personId}`;
    let days = daysOf.get(key);
    if (!days) daysOf.set(key, (days = new Set()));
    days.add(periodOf(e.timestamp, 'day', range.timeZone));
  }
  const counts = emptyCounts(spec, window);
  for (const [key, days] of daysOf) counts[Number(key.slice(0, key.indexOf(' '))) - window.first]![days.size - 1]!++;
  if (!spec.personsAt) return stickinessResult(spec, window, counts);
  const n = window.first + personsPeriod(spec, window.labels);
  const wanted = spec.personsAt.days;
  const persons = [...daysOf]
    .filter(([key, days]) => Number(key.slice(0, key.indexOf(' '))) === n && (wanted === undefined || days.size === wanted))
    .map(([key]) => key.slice(key.indexOf(' ') + 1))
    .sort();
  return stickinessResult(spec, window, counts, persons);
}

export const emptyCounts = (spec: StickinessSpec, window: PeriodWindow): number[][] =>
  window.labels.map(() => new Array<number>(STICKINESS_MAX_DAYS[spec.interval]).fill(0));

export function stickinessResult(spec: StickinessSpec, window: PeriodWindow, counts: readonly (readonly number[])[], persons?: readonly string[]): StickinessResult {
  return {
    kind: 'stickiness',
    interval: spec.interval,
    periods: window.labels.map((period, i) => ({ period, persons: counts[i]!.reduce((a, b) => a + b, 0), days: counts[i]! })),
    ...(persons && { persons }),
  };
}
