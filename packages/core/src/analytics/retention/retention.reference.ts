import type { AnalysisEvent } from '../analysis-event.ts';
import { readRange } from '../analysis-range.ts';
import { matchesSelector } from '../matchers/event-selector.ts';
import { periodOf, periodWindow } from '../calendar-periods.ts';
import { personsCohort, type RetentionCohort, type RetentionResult, type RetentionSpec } from './retention.spec.ts';

/**
 * Retention computed from an array of events: the oracle the SQL of every dialect is tested
 * against. A person's cohort is the period of their first-ever cohort event (events before
 * `from` count, so a cohort holds first-timers only); `returned[k]` counts cohort persons with a
 * return event in the k-th period after it. Period 0 is the cohort period: any return event in it
 * counts, before or after the cohort event (so with one matcher for both, period 0 is 100 %).
 * With `returning: onOrAfter`, `returned[k]` counts those back k or more periods after it, however
 * long after.
 *
 * @example
 * retentionReference({ kind: 'retention', cohortEvent: { event: 'signup' }, returnEvent: { event: '$page' },
 *   interval: 'week', periods: 8, from: '2026-01-05', to: '2026-03-02', timeZone: 'Europe/Berlin' }, events)
 */
export function retentionReference(spec: RetentionSpec, events: readonly AnalysisEvent[], defaultTimeZone = 'UTC'): RetentionResult {
  const range = readRange(spec, defaultTimeZone);
  const window = periodWindow(range, spec.interval);
  const at = (ms: number) => periodOf(ms, spec.interval, range.timeZone);

  const entered = new Map<string, number>();
  for (const e of events) {
    if (!matchesSelector(spec.cohortEvent, e)) continue;
    const previous = entered.get(e.personId);
    if (previous === undefined || e.timestamp < previous) entered.set(e.personId, e.timestamp);
  }

  const cohorts = window.labels.map(() => ({ size: 0, returned: new Array<number>(spec.periods + 1).fill(0) }));
  const returnedIn = new Map<string, Set<number>>();
  for (const [person, ms] of entered) {
    const index = at(ms) - window.first;
    if (index < 0 || index >= cohorts.length) continue;
    cohorts[index]!.size++;
    returnedIn.set(person, new Set());
  }
  const orLater = spec.returning === 'onOrAfter';
  for (const e of events) {
    const seen = returnedIn.get(e.personId);
    if (seen === undefined || !matchesSelector(spec.returnEvent, e)) continue;
    const k = at(e.timestamp) - at(entered.get(e.personId)!);
    // Back k or more periods after: back "on or after" every period up to k.
    for (let j = orLater ? 0 : Math.max(0, k); j <= Math.min(k, spec.periods); j++) seen.add(j);
  }
  for (const [person, seen] of returnedIn) {
    const returned = cohorts[at(entered.get(person)!) - window.first]!.returned;
    for (const k of seen) returned[k]!++;
  }
  if (!spec.personsAt) return retentionResult(spec, window.labels, cohorts);
  const index = personsCohort(spec, window.labels);
  const { period } = spec.personsAt;
  const persons = [...returnedIn]
    .filter(([person, back]) => at(entered.get(person)!) - window.first === index && (period === undefined || back.has(period)))
    .map(([person]) => person)
    .sort();
  return retentionResult(spec, window.labels, cohorts, persons);
}

/** The result from counts: rates are computed here, once, so every engine reports the same numbers. */
export function retentionResult(
  spec: RetentionSpec,
  labels: readonly string[],
  counts: readonly { readonly size: number; readonly returned: readonly number[] }[],
  persons?: readonly string[],
): RetentionResult {
  const cohorts: RetentionCohort[] = labels.map((cohort, i) => {
    const { size, returned } = counts[i]!;
    return { cohort, size, returned, rates: returned.map((n) => (size === 0 ? 0 : n / size)) };
  });
  return { kind: 'retention', interval: spec.interval, periods: spec.periods, cohorts, ...(persons && { persons }) };
}
