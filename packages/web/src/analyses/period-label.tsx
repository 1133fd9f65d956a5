import { periodState, type Interval, type PeriodClock } from '@waymark/core';
import { cutWords } from '../charts/open-periods.tsx';

/**
 * A period's label in a table, marked when the period is not over at the clock's now (its counts
 * can still grow), and when the range counts only part of it ("from 27 Aug").
 */
export function PeriodLabel({ label, interval, clock }: { label: string; interval: Interval; clock: PeriodClock }) {
  const state = periodState(label, interval, clock.now, clock.timeZone);
  const { start, end } = cutWords(label, interval, clock);
  return (
    <>
      {label}
      {(start ?? end) && (
        <span className="muted small" data-field="cut">
          {' '}
          {[start, end].filter(Boolean).join(' ')}
        </span>
      )}
      {state !== 'over' && (
        <span className="muted small" data-state={state}>
          {state === 'current' ? ' so far' : ' not begun'}
        </span>
      )}
    </>
  );
}
