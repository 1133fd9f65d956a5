import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortPeriodState, firstOpenPeriod, periodCut, periodState } from './period-state.ts';
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

describe('periodCut', () => {
  const DAY = 24 * HOUR;
  const MONDAY = Date.UTC(2024, 0, 1);
  // In UTC, where a period starts, counted independently: midnight, a Monday's midnight, the 1st's midnight.
  const startsPeriod = (ms: number, interval: 'day' | 'week' | 'month') => {
    if (ms % DAY !== 0) return false;
    if (interval === 'day') return true;
    return interval === 'week' ? (ms - MONDAY) % (7 * DAY) === 0 : new Date(ms).getUTCDate() === 1;
  };
  // Instants on period edges half of the time: ranges cut periods, or not.
  const edge = fc.oneof(instant, instant.map((t) => t - (t % DAY)), instant.map((t) => Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), 1)));

  it("marks the range's first period when the range begins inside it, and its last when it ends inside it", () => {
    fc.assert(
      fc.property(edge, fc.integer({ min: 1, max: 400 * DAY }), fc.constantFrom('day' as const, 'week' as const, 'month' as const), (from, length, interval) => {
        const to = from + length;
        const clock = { now: to, timeZone: 'UTC', range: { from, to } };
        const first = bucketOf(from, interval, 'UTC');
        const last = bucketOf(to - 1, interval, 'UTC');
        expect(periodCut(first, interval, clock).start).toBe(!startsPeriod(from, interval));
        expect(periodCut(last, interval, clock).end).toBe(!startsPeriod(to, interval));
        // A period the range holds whole is not cut; one holding both of its ends is cut at both.
        if (first !== last) expect([periodCut(first, interval, clock).end, periodCut(last, interval, clock).start]).toEqual([false, false]);
        const between = bucketOf(from + Math.floor(length / 2), interval, 'UTC');
        if (between !== first && between !== last) expect(periodCut(between, interval, clock)).toEqual({ start: false, end: false });
      }),
      { numRuns: 2000 },
    );
  });

  it("reads the range in the clock's time zone, and cuts nothing without a range", () => {
    // 90 days back from Wednesday 25 November 2026 at midnight in Berlin: from Thursday 27 August.
    const range = { from: Date.parse('2026-08-26T22:00:00Z'), to: Date.parse('2026-11-25T23:00:00Z') };
    const berlin = { now: range.to, timeZone: 'Europe/Berlin', range };
    expect(periodCut('2026-08-24', 'week', berlin)).toEqual({ start: true, end: false });
    expect(periodCut('2026-11-23', 'week', berlin)).toEqual({ start: false, end: true });
    expect(periodCut('2026-08-27', 'day', berlin)).toEqual({ start: false, end: false });
    // In UTC the same range begins at 22:00 on 26 August and ends at 23:00.
    expect(periodCut('2026-08-26', 'day', { ...berlin, timeZone: 'UTC' })).toEqual({ start: true, end: false });
    expect(periodCut('2026-08-24', 'week', { now: range.to, timeZone: 'Europe/Berlin' })).toEqual({ start: false, end: false });
  });
});
