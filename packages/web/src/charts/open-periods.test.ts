import { describe, expect, it } from 'vitest';
import { openPeriodsArea, openPeriodsNote } from './open-periods.ts';

const days = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];

describe('openPeriodsArea', () => {
  it('shades whole bars from the first open period, and a line from the point before it', () => {
    expect(openPeriodsArea(days, 3, 'bars')!.data).toEqual([[{ xAxis: '2026-11-23' }, { xAxis: '2026-11-23' }]]);
    expect(openPeriodsArea(days, 3, 'line')!.data).toEqual([[{ xAxis: '2026-11-22' }, { xAxis: '2026-11-23' }]]);
    expect(openPeriodsArea(days, 0, 'line')!.data).toEqual([[{ xAxis: '2026-11-20' }, { xAxis: '2026-11-23' }]]);
  });

  it('shades nothing when every period is over', () => {
    expect(openPeriodsArea(days, 4, 'bars')).toBeUndefined();
    expect(openPeriodsArea([], 0, 'line')).toBeUndefined();
  });
});

describe('openPeriodsNote', () => {
  it('speaks of one period or several', () => {
    expect(openPeriodsNote(1, 'day')).toBe('The shaded day is not over yet: its numbers can still grow.');
    expect(openPeriodsNote(2, 'week')).toBe('The shaded weeks are not over yet: their numbers can still grow.');
    expect(openPeriodsNote(3, 'day', 'within 7 days of now')).toBe('The shaded days are within 7 days of now.');
  });
});
