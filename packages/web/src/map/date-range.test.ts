import { describe, expect, it } from 'vitest';
import { customRange, presetRange, rangeDays, rangeFromParams, rangeInterval, rangeParams } from './date-range.ts';

const NOW = Date.parse('2026-11-23T15:30:00Z');

describe('the date range of the map', () => {
  it('ends a preset at the next midnight so today is included', () => {
    expect(presetRange(7, NOW)).toEqual({ preset: 7, from: '2026-11-17T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' });
    expect(rangeDays(presetRange(7, NOW))).toEqual({ first: '2026-11-17', last: '2026-11-23' });
  });

  it('includes both days of a custom range and refuses one that ends before it starts', () => {
    expect(customRange('2026-10-01', '2026-10-31')).toEqual({ preset: 'custom', from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    expect(customRange('2026-10-02', '2026-10-01')).toBeNull();
    expect(customRange('', '2026-10-01')).toBeNull();
  });

  it('round-trips through the address and falls back to 30 days on anything else', () => {
    const custom = customRange('2026-10-01', '2026-10-31')!;
    expect(rangeFromParams(new URLSearchParams(rangeParams(custom)), NOW)).toEqual(custom);
    expect(rangeFromParams(new URLSearchParams({ range: '90' }), NOW).preset).toBe(90);
    expect(rangeFromParams(new URLSearchParams({ range: '12' }), NOW).preset).toBe(30);
    expect(rangeFromParams(new URLSearchParams({ from: 'x', to: 'y' }), NOW).preset).toBe(30);
  });

  it('draws daily points up to a month and weekly beyond', () => {
    expect(rangeInterval(presetRange(30, NOW))).toBe('day');
    expect(rangeInterval(presetRange(90, NOW))).toBe('week');
  });
});
