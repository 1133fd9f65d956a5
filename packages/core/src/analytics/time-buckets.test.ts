import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, dayStart } from './time-buckets.ts';

// Zones with daylight-saving changes at and around midnight, half hours, and the widest offsets.
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Asia/Beirut', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Chatham'];

describe('dayStart', () => {
  it("is the first instant of a local date: the date there, the day before one millisecond earlier", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }), fc.constantFrom(...ZONES), (t, zone) => {
        const day = bucketOf(t, 'day', zone);
        const start = dayStart(day, zone);
        expect(bucketOf(start, 'day', zone)).toBe(day);
        expect(bucketOf(start - 1, 'day', zone) < day).toBe(true);
        expect(start).toBeLessThanOrEqual(t);
      }),
      { numRuns: 2000 },
    );
  });

  it('is local midnight, or the first hour after it on a day that skips it', () => {
    expect(new Date(dayStart('2026-11-25', 'Europe/Berlin')).toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(new Date(dayStart('2026-07-01', 'Europe/Berlin')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // Santiago moved its clocks from midnight to 01:00 on Sunday 8 September 2024.
    expect(new Date(dayStart('2024-09-08', 'America/Santiago')).toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(dayStart('2026-11-25', 'UTC')).toBe(Date.parse('2026-11-25T00:00:00Z'));
  });
});
