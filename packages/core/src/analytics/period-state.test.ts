import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortPeriodState, firstOpenPeriod, periodState } from './period-state.ts';
import { bucketOf, INTERVALS } from './time-buckets.ts';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
const HOUR = 3_600_000;
// 2024-2027, with every daylight-saving change of the zones above.
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) });

describe('periodState', () => {
  it('is current for the period holding now, over before it and future after it, in any zone and interval', () => {
    fc.assert(
      fc.property(instant, instant, fc.constantFrom(...INTERVALS), fc.constantFrom(...ZONES), (t, now, interval, zone) => {
        const label = bucketOf(t, interval, zone);
        const state = periodState(label, interval, now, zone);
        if (label === bucketOf(now, interval, zone)) expect(state).toBe('current');
        else expect(state).toBe(t < now ? 'over' : 'future');
      }),
      { numRuns: 2000 },
    );
  });

  it('turns over at local midnight, not at UTC midnight', () => {
    // 23:30 in New York on Sunday 8 March 2026 (the day clocks went forward) is 03:30 UTC on Monday.
    const now = Date.parse('2026-03-09T03:30:00Z');
    expect(periodState('2026-03-08', 'day', now, 'America/New_York')).toBe('current');
    expect(periodState('2026-03-09', 'day', now, 'America/New_York')).toBe('future');
    expect(periodState('2026-03-09', 'day', now, 'UTC')).toBe('current');
    expect(periodState('2026-03-02', 'week', now, 'America/New_York')).toBe('current');
    expect(periodState('2026-03-09', 'week', now, 'UTC')).toBe('current');
    expect(periodState('2026-03-09 03:00', 'hour', now, 'UTC')).toBe('current');
    expect(periodState('2026-03-08 23:00', 'hour', now, 'America/New_York')).toBe('current');
  });
});

describe('firstOpenPeriod', () => {
  it('is the first period of a range that is not over', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -60, max: 60 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom(...INTERVALS), fc.constantFrom(...ZONES), (now, shift, count, interval, zone) => {
        // Consecutive labels of the interval around now: one per step of a little less than its shortest length.
        const step = { hour: HOUR / 2, day: 20 * HOUR, week: 6 * 24 * HOUR, month: 27 * 24 * HOUR }[interval];
        const labels = [...new Set(Array.from({ length: count }, (_, i) => bucketOf(now + (shift + i) * step, interval, zone)))];
        const first = firstOpenPeriod(labels, interval, now, zone);
        labels.forEach((label, i) => expect(periodState(label, interval, now, zone) === 'over').toBe(i < first));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('cohortPeriodState', () => {
  it("names a cohort's k-th period after its own, across a year's end, and its state in the clock's zone", () => {
    // 00:30 on 1 January 2027 in Tokyo is still 31 December in UTC.
    const now = Date.parse('2026-12-31T15:30:00Z');
    expect(cohortPeriodState('2026-11-01', 2, 'month', { now, timeZone: 'Asia/Tokyo' })).toEqual({ label: '2027-01-01', state: 'current' });
    expect(cohortPeriodState('2026-11-01', 2, 'month', { now, timeZone: 'UTC' })).toEqual({ label: '2027-01-01', state: 'future' });
    expect(cohortPeriodState('2026-12-21', 1, 'week', { now, timeZone: 'UTC' })).toEqual({ label: '2026-12-28', state: 'current' });
    expect(cohortPeriodState('2026-12-30', 0, 'day', { now, timeZone: 'UTC' })).toEqual({ label: '2026-12-30', state: 'over' });
  });
});
