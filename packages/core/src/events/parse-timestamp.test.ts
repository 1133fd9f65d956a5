import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from './parse-timestamp.ts';

describe('parseIsoTimestamp', () => {
  it('reads Z, offsets with and without a colon, and hour-only offsets', () => {
    const at = Date.UTC(2024, 2, 10, 12, 30, 0);
    expect(parseIsoTimestamp('2024-03-10T12:30:00Z')).toBe(at);
    expect(parseIsoTimestamp('2024-03-10T14:30:00+02:00')).toBe(at);
    expect(parseIsoTimestamp('2024-03-10T14:30:00+0200')).toBe(at);
    expect(parseIsoTimestamp('2024-03-10T14:30:00+02')).toBe(at);
    expect(parseIsoTimestamp('2024-03-10T07:00:00-05:30')).toBe(at);
    expect(parseIsoTimestamp('2024-03-10T12:30:00-00:00')).toBe(at);
  });

  it('crosses day, month and year boundaries with an offset', () => {
    expect(parseIsoTimestamp('2024-01-01T01:00:00+02:00')).toBe(Date.UTC(2023, 11, 31, 23, 0, 0));
    expect(parseIsoTimestamp('2024-02-29T23:30:00-01:00')).toBe(Date.UTC(2024, 2, 1, 0, 30, 0));
  });

  it('reads fractions of any length up to nanoseconds, truncating to milliseconds', () => {
    const base = Date.UTC(2024, 0, 15, 8, 0, 5);
    expect(parseIsoTimestamp('2024-01-15T08:00:05.1Z')).toBe(base + 100);
    expect(parseIsoTimestamp('2024-01-15T08:00:05.12Z')).toBe(base + 120);
    expect(parseIsoTimestamp('2024-01-15T08:00:05.123Z')).toBe(base + 123);
    expect(parseIsoTimestamp('2024-01-15T08:00:05.123456Z')).toBe(base + 123);
    expect(parseIsoTimestamp('2024-01-15T08:00:05.999999999Z')).toBe(base + 999);
    expect(parseIsoTimestamp('2024-01-15T08:00:05,5Z')).toBe(base + 500);
  });

  it('accepts a space instead of T, a missing seconds part, and a bare date', () => {
    expect(parseIsoTimestamp('2010-12-01 08:26:00')).toBe(Date.UTC(2010, 11, 1, 8, 26, 0));
    expect(parseIsoTimestamp('2010-12-01 08:26')).toBe(Date.UTC(2010, 11, 1, 8, 26, 0));
    expect(parseIsoTimestamp('2010-12-01T08:26+01:00')).toBe(Date.UTC(2010, 11, 1, 7, 26, 0));
    expect(parseIsoTimestamp('2010-12-01')).toBe(Date.UTC(2010, 11, 1));
  });

  it('reads a date-time without an offset as UTC, never local time', () => {
    expect(parseIsoTimestamp('2024-07-01T00:00:00')).toBe(Date.UTC(2024, 6, 1));
    expect(parseIsoTimestamp('2024-07-01T00:00:00')).toBe(parseIsoTimestamp('2024-07-01T00:00:00Z'));
  });

  it('accepts the real edges of the calendar', () => {
    expect(parseIsoTimestamp('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoTimestamp('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseIsoTimestamp('2024-12-31T23:59:59.999Z')).toBe(Date.UTC(2024, 11, 31, 23, 59, 59, 999));
    expect(parseIsoTimestamp('1970-01-01T00:00:00Z')).toBe(0);
    expect(parseIsoTimestamp('1969-12-31T23:59:59Z')).toBe(-1000);
    // Years below 100 are years, not 1900 + n (Date.UTC's legacy reading).
    expect(parseIsoTimestamp('0050-06-01T00:00:00Z')).toBe(new Date('0050-06-01T00:00:00Z').getTime());
    expect(parseIsoTimestamp('0000-01-01')).toBe(new Date('0000-01-01T00:00:00Z').getTime());
  });

  it.each([
    ['2024-02-30T00:00:00Z', 'February 30th'],
    ['2023-02-29T00:00:00Z', 'February 29th of a common year'],
    ['1900-02-29', 'February 29th of a century year'],
    ['2024-04-31', 'April 31st'],
    ['2024-13-01T00:00:00Z', 'month 13'],
    ['2024-00-10T00:00:00Z', 'month 0'],
    ['2024-01-00T00:00:00Z', 'day 0'],
    ['2024-01-01T25:00:00Z', 'hour 25'],
    ['2024-01-01T24:00:00Z', 'hour 24'],
    ['2024-01-01T12:60:00Z', 'minute 60'],
    ['2024-01-01T12:00:60Z', 'second 60'],
    ['2024-01-01T12:00:00.Z', 'an empty fraction'],
    ['2024-01-01T12:00:00.1234567890Z', 'ten fraction digits'],
    ['2024-01-01T12Z', 'an hour without minutes'],
    ['2024-1-01', 'a one-digit month'],
    ['24-01-01', 'a two-digit year'],
    ['2024/01/01', 'slashes'],
    ['2024-01-01T12:00:00+2', 'a one-digit offset'],
    ['2024-01-01T12:00:00+99:99', 'offset hour 99'],
    ['2024-01-01T12:00:00-24:00', 'offset hour 24'],
    ['2024-01-01T12:00:00+05:60', 'offset minute 60'],
    ['2024-01-01T12:00:00 +02:00', 'a space before the offset'],
    ['2024-01-01t12:00:00z', 'lowercase separators'],
    [' 2024-01-01T12:00:00Z', 'leading space'],
    ['2024-01-01T12:00:00Z ', 'trailing space'],
    ['Mon, 01 Jan 2024 12:00:00 GMT', 'an RFC 2822 date'],
    ['1704110400000', 'epoch milliseconds as text'],
    ['', 'an empty string'],
    ['not a date', 'words'],
  ])('rejects %s (%s)', (text) => {
    expect(parseIsoTimestamp(text)).toBeNull();
  });

  it('round-trips Date#toISOString for any millisecond in years 0000-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: new Date('0000-01-01T00:00:00.000Z').getTime(), max: new Date('9999-12-31T23:59:59.999Z').getTime() }), (ms) => {
        expect(parseIsoTimestamp(new Date(ms).toISOString())).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same instant for any offset rendering of it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }).map((m) => m - (m % 15)),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseIsoTimestamp(text)).toBe(ms);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
