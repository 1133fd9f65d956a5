import { describe, expect, it } from 'vitest';
import { openPeriodsArea, openPeriodsNote, rangeCuts } from './open-periods.tsx';

const days = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];

describe('openPeriodsArea', () => {
  it('shades from the first open period to the last', () => {
    expect(openPeriodsArea(days, 3)!.data).toEqual([[{ xAxis: '2026-11-23' }, { xAxis: '2026-11-23' }]]);
    expect(openPeriodsArea(days, 0)!.data).toEqual([[{ xAxis: '2026-11-20' }, { xAxis: '2026-11-23' }]]);
  });

  it('shades too a first or last period the range counts only in part, once', () => {
    expect(openPeriodsArea(days, 3, { first: 'from 20 Nov', last: null })!.data).toEqual([[{ xAxis: '2026-11-20' }, { xAxis: '2026-11-20' }], [{ xAxis: '2026-11-23' }, { xAxis: '2026-11-23' }]]);
    expect(openPeriodsArea(days, 4, { first: null, last: 'up to 23 Nov' })!.data).toEqual([[{ xAxis: '2026-11-23' }, { xAxis: '2026-11-23' }]]);
    // A cut period not over is shaded with the rest of those.
    expect(openPeriodsArea(days, 0, { first: 'from 20 Nov', last: null })!.data).toEqual([[{ xAxis: '2026-11-20' }, { xAxis: '2026-11-23' }]]);
    expect(openPeriodsArea(days.slice(0, 1), 1, { first: 'from 20 Nov', last: 'up to 20 Nov' })!.data).toEqual([[{ xAxis: '2026-11-20' }, { xAxis: '2026-11-20' }]]);
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

describe('rangeCuts', () => {
  // From Thursday 27 August to Thursday 26 November 2026 (exclusive), read on 30 November.
  const range = { from: Date.parse('2026-08-27T00:00:00Z'), to: Date.parse('2026-11-26T00:00:00Z') };
  const clock = { now: Date.parse('2026-11-30T12:00:00Z'), timeZone: 'UTC', range };
  const weeks = ['2026-08-24', '2026-08-31', '2026-11-16', '2026-11-23'];

  it('says from when, and up to when, the range counts a first or last period it cuts', () => {
    expect(rangeCuts(weeks, 'week', clock)).toEqual({ first: 'from 27 Aug', last: 'up to 25 Nov' });
    expect(rangeCuts(['2026-08-01', '2026-11-01'], 'month', { ...clock, now: Date.parse('2026-12-01T00:00:00Z') })).toEqual({ first: 'from 27 Aug', last: 'up to 25 Nov' });
    expect(rangeCuts(weeks.slice(1, 3), 'week', clock)).toEqual({ first: null, last: null });
    // Days and hours by the time of day, in the clock's time zone: the range begins at 02:00 in Berlin.
    expect(rangeCuts(['2026-08-27', '2026-11-26'], 'day', { ...clock, timeZone: 'Europe/Berlin' })).toEqual({ first: 'from 02:00', last: 'up to 01:00' });
  });

  it('leaves the end of a period not over to its shading as such, and cuts nothing without a range', () => {
    expect(rangeCuts(weeks, 'week', { ...clock, now: Date.parse('2026-11-27T12:00:00Z') })).toEqual({ first: 'from 27 Aug', last: null });
    expect(rangeCuts(weeks, 'week', { now: clock.now, timeZone: 'UTC' })).toEqual({ first: null, last: null });
    expect(rangeCuts([], 'week', clock)).toEqual({ first: null, last: null });
  });
});
