import { periodState, type Interval, type PeriodClock } from '@waymark/core';

/** A period's label in a table, marked when the period is not over at the clock's now: its counts can still grow. */
export function PeriodLabel({ label, interval, clock }: { label: string; interval: Interval; clock: PeriodClock }) {
  const state = periodState(label, interval, clock.now, clock.timeZone);
  return (
    <>
      {label}
      {state !== 'over' && (
        <span className="muted small" data-state={state}>
          {state === 'current' ? ' so far' : ' not begun'}
        </span>
      )}
    </>
  );
}
