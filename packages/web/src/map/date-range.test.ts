import { describe, expect, it } from 'vitest';
import { customRange, dayOf, presetRange, rangeDays, rangeFromParams, rangeInterval, rangeLength, rangeParams } from './date-range.ts';

const NOW = Date.parse('2026-11-23T15:30:00Z');

describe('the date range of the map', () => {
  it('ends a preset at the next midnight so today is included', () => {
    expect(presetRange(7, 'UTC', NOW)).toEqual({ preset: 7, from: '2026-11-17T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z', timeZone: 'UTC' });
    expect(rangeDays(presetRange(7, 'UTC', NOW))).toEqual({ first: '2026-11-17', last: '2026-11-23' });
  });

  it("is made of whole days of the project's time zone, today being its today", () => {
    // 15:30 UTC is already 24 November in Auckland (UTC+13), and still 23 November in Los Angeles.
    expect(presetRange(7, 'Pacific/Auckland', NOW)).toEqual({ preset: 7, from: '2026-11-17T11:00:00.000Z', to: '2026-11-24T11:00:00.000Z', timeZone: 'Pacific/Auckland' });
    expect(rangeDays(presetRange(7, 'Pacific/Auckland', NOW))).toEqual({ first: '2026-11-18', last: '2026-11-24' });
    expect(presetRange(7, 'America/Los_Angeles', NOW)).toMatchObject({ from: '2026-11-17T08:00:00.000Z', to: '2026-11-24T08:00:00.000Z' });
    // Across the end of summer time in Berlin (25 October 2026): that day has 25 hours.
    expect(customRange('2026-10-25', '2026-10-25', 'Europe/Berlin')).toMatchObject({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
    // Its days are named in the zone, not by the UTC date of its instants (file names, "from ... to ...").
    const berlin = customRange('2026-11-01', '2026-11-30', 'Europe/Berlin')!;
    expect([dayOf(berlin.from, 'Europe/Berlin'), dayOf(berlin.to, 'Europe/Berlin'), berlin.from.slice(0, 10)]).toEqual(['2026-11-01', '2026-12-01', '2026-10-31']);
  });

  it('includes both days of a custom range and refuses one that ends before it starts', () => {
    expect(customRange('2026-10-01', '2026-10-31', 'UTC')).toEqual({ preset: 'custom', from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', timeZone: 'UTC' });
    expect(customRange('2026-10-02', '2026-10-01', 'UTC')).toBeNull();
    expect(customRange('', '2026-10-01', 'UTC')).toBeNull();
    expect(customRange('2026-10-01T12:00', '2026-10-02', 'UTC')).toBeNull();
    expect([customRange('2026-02-01', '2026-02-30', 'UTC'), customRange('2026-13-01', '2026-13-02', 'UTC')]).toEqual([null, null]);
    expect(rangeFromParams(new URLSearchParams({ from: '2026-02-01', to: '2026-02-30' }), 'UTC', NOW).preset).toBe(30);
  });

  it('round-trips through the address in any time zone and falls back to 30 days on anything else', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/Santiago']) {
      const custom = customRange('2026-10-01', '2026-10-31', zone)!;
      expect(rangeParams(custom)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
      expect(rangeFromParams(new URLSearchParams(rangeParams(custom)), zone, NOW)).toEqual(custom);
    }
    expect(rangeFromParams(new URLSearchParams({ range: '90' }), 'UTC', NOW).preset).toBe(90);
    expect(rangeFromParams(new URLSearchParams({ range: '12' }), 'UTC', NOW).preset).toBe(30);
    expect(rangeFromParams(new URLSearchParams({ from: 'x', to: 'y' }), 'UTC', NOW).preset).toBe(30);
    // Swapped by hand: the range between the two days.
    expect(rangeFromParams(new URLSearchParams({ from: '2026-10-31', to: '2026-10-01' }), 'UTC', NOW)).toEqual(customRange('2026-10-01', '2026-10-31', 'UTC'));
  });

  it('draws daily points up to a month and weekly beyond', () => {
    expect(rangeInterval(presetRange(30, 'UTC', NOW))).toBe('day');
    expect(rangeInterval(presetRange(90, 'UTC', NOW))).toBe('week');
    // October in Berlin is 31 days and an hour (the clocks go back): still a month of days.
    const october = customRange('2026-10-01', '2026-10-31', 'Europe/Berlin')!;
    expect([rangeLength(october), rangeInterval(october)]).toEqual([31, 'day']);
    expect(rangeLength(customRange('2026-03-29', '2026-03-29', 'Europe/Berlin')!)).toBe(1);
  });
});
