import { describe, expect, it } from 'vitest';
import { openPeriodsArea, openPeriodsNote } from './open-periods.tsx';

const days = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];

describe('openPeriodsArea', () => {
  it('shades from the first open period to the last', () => {
    expect(openPeriodsArea(days, 3)!.data).toEqual([[{ xAxis: '2026-11-23' }, { xAxis: '2026-11-23' }]]);
    expect(openPeriodsArea(days, 0)!.data).toEqual([[{ xAxis: '2026-11-20' }, { xAxis: '2026-11-23' }]]);
  });

  it('shades nothing when every period is over', () => {
    expect(openPeriodsArea(days, 4)).toBeUndefined();
    expect(openPeriodsArea([], 0)).toBeUndefined();
  });
});

describe('openPeriodsNote', () => {
  it('speaks of one period or several', () => {
    expect(openPeriodsNote(1, 'day')).toBe('The shaded day is not over yet: its numbers can still grow.');
    expect(openPeriodsNote(2, 'week')).toBe('The shaded weeks are not over yet: their numbers can still grow.');
    expect(openPeriodsNote(3, 'day', 'within 7 days of now')).toBe('The shaded days are within 7 days of now.');
  });
});
