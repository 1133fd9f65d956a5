import { describe, expect, it } from 'vitest';
import { WaymarkError } from '../errors/waymark-error.ts';
import { bucketsIn, previousRange, previousRangeUpTo, readRange } from './analysis-range.ts';

const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof WaymarkError ? e.path : String(e);
  }
  return null;
};

describe('readRange', () => {
  it('reads a date alone as the start of that day in the time zone, across a clock change', () => {
    // New York: EST (-5) until 8 March 2026, 2:00, then EDT (-4).
    const range = readRange({ from: '2026-01-05', to: '2026-03-09', timeZone: 'America/New_York' }, 'UTC');
    expect(range.from).toBe(Date.parse('2026-01-05T05:00:00Z'));
    expect(range.to).toBe(Date.parse('2026-03-09T04:00:00Z'));
    // Weeks from that Monday, not from the Sunday evening before it (00:00 UTC is still Sunday there).
    expect(bucketsIn(range, 'week')[0]).toBe('2026-01-05');
    expect(bucketsIn(range, 'week').at(-1)).toBe('2026-03-02');
  });

  it("takes the project's time zone when the spec names none, and dates in UTC stay UTC midnight", () => {
    expect(readRange({ from: '2026-01-05', to: '2026-01-06' }, 'Asia/Tokyo').from).toBe(Date.parse('2026-01-04T15:00:00Z'));
    expect(readRange({ from: '2026-01-05', to: '2026-01-06' }, 'UTC')).toEqual({ from: Date.parse('2026-01-05T00:00:00Z'), to: Date.parse('2026-01-06T00:00:00Z'), timeZone: 'UTC' });
  });

  it('reads a date-time as an instant, UTC without an offset, whatever the time zone', () => {
    const range = readRange({ from: '2026-01-05T00:00:00', to: '2026-01-06T00:00:00+01:00', timeZone: 'America/New_York' }, 'UTC');
    expect(range).toEqual({ from: Date.parse('2026-01-05T00:00:00Z'), to: Date.parse('2026-01-05T23:00:00Z'), timeZone: 'America/New_York' });
  });

  it.each([
    [{ from: '2026-02-30', to: '2026-03-05' }, 'from'],
    [{ from: '2026-03-01', to: '5 March' }, 'to'],
    [{ from: '2026-03-05', to: '2026-03-05' }, 'to'],
    [{ from: '2026-03-01', to: '2026-03-05', timeZone: 'Mars/Olympus' }, 'timeZone'],
  ])('refuse %j naming %s', (spec, field) => {
    expect(fieldOf(() => readRange(spec, 'UTC'))).toBe(field);
  });

  it('compares whole days with as many days before, across a clock change; other ranges with the same length before', () => {
    // 30 days in Berlin over the night the clocks go back (25 October 2026): 30 days and an hour.
    const range = readRange({ from: '2026-10-10', to: '2026-11-09', timeZone: 'Europe/Berlin' }, 'UTC');
    const before = previousRange(range);
    expect(before).toEqual({ from: Date.parse('2026-09-09T22:00:00Z'), to: range.from, timeZone: 'Europe/Berlin' });
    expect([bucketsIn(before, 'day').length, bucketsIn(range, 'day').length]).toEqual([30, 30]);
    expect(bucketsIn(before, 'day')[0]).toBe('2026-09-10');
    // Up to the same point, within the days before (which are an hour shorter).
    expect(previousRangeUpTo(range, range.to - 1)!.to).toBe(range.from);
    expect(previousRangeUpTo(range, range.from + 86_400_000)).toEqual({ ...before, to: before.from + 86_400_000 });

    const utc = readRange({ from: '2026-10-10', to: '2026-11-09' }, 'UTC');
    expect(previousRange(utc)).toEqual({ ...utc, from: utc.from - (utc.to - utc.from), to: utc.from });
    const hours = readRange({ from: '2026-10-10T10:00:00Z', to: '2026-11-09T10:00:00Z', timeZone: 'Europe/Berlin' }, 'UTC');
    expect(previousRange(hours)).toEqual({ ...hours, from: hours.from - (hours.to - hours.from), to: hours.from });
  });
});
