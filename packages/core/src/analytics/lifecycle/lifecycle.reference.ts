import type { AnalysisEvent } from '../analysis-event.ts';
import { readRange } from '../analysis-range.ts';
import { matchesSelector } from '../matchers/event-selector.ts';
import { periodOf, periodWindow, type PeriodWindow } from '../calendar-periods.ts';
import { personsPeriod, type LifecyclePeriod, type LifecycleResult, type LifecycleSpec, type LifecycleStatus } from './lifecycle.spec.ts';

/**
 * Lifecycle computed from an array of events (the oracle for the SQL). A person is active in a
 * period when they did the event in it; all their history counts, so "new" means first ever.
 *
 * @example lifecycleReference({ kind: 'lifecycle', matcher: { event: '$page' }, interval: 'week', from: '2026-01-05', to: '2026-03-02' }, events)
 */
export function lifecycleReference(spec: LifecycleSpec, events: readonly AnalysisEvent[], defaultTimeZone = 'UTC'): LifecycleResult {
  const range = readRange(spec, defaultTimeZone);
  const window = periodWindow(range, spec.interval);
  const active = new Map<string, Set<number>>();
  for (const e of events) {
    if (!matchesSelector(spec.matcher, e)) continue;
    const n = periodOf(e.timestamp, spec.interval, range.timeZone);
    if (n > window.last) continue;
    let periods = active.get(e.personId);
    if (!periods) active.set(e.personId, (periods = new Set()));
    periods.add(n);
  }
  const counts = window.labels.map(() => ({ new: 0, returning: 0, resurrecting: 0, dormant: 0 }));
  const wanted = spec.personsAt && { n: window.first + personsPeriod(spec, window.labels), status: spec.personsAt.status };
  const persons: string[] = [];
  for (const [personId, periods] of active) {
    const first = Math.min(...periods);
    for (let n = window.first; n <= window.last; n++) {
      const now = periods.has(n);
      const before = periods.has(n - 1);
      const status: LifecycleStatus | null = now ? (n === first ? 'new' : before ? 'returning' : 'resurrecting') : before ? 'dormant' : null;
      if (!status) continue;
      counts[n - window.first]![status]++;
      if (n === wanted?.n && status === wanted.status) persons.push(personId);
    }
  }
  return lifecycleResult(spec, window, counts, wanted && persons.sort());
}

export function lifecycleResult(spec: LifecycleSpec, window: PeriodWindow, counts: readonly Omit<LifecyclePeriod, 'period'>[], persons?: readonly string[]): LifecycleResult {
  return { kind: 'lifecycle', interval: spec.interval, periods: window.labels.map((period, i) => ({ period, ...counts[i]! })), ...(persons && { persons }) };
}
