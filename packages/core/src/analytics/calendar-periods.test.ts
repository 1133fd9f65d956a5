import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodAfter, periodNumber } from './calendar-periods.ts';

describe('periodAfter', () => {
  it('steps whole calendar periods: over month ends, leap days and years, back as well as forward', () => {
    expect(periodAfter('2024-02-28', 1, 'day')).toBe('2024-02-29');
    expect(periodAfter('2024-03-01', -1, 'day')).toBe('2024-02-29');
    expect(periodAfter('2026-12-28', 1, 'week')).toBe('2027-01-04');
    expect(periodAfter('2026-11-01', 2, 'month')).toBe('2027-01-01');
    expect(periodAfter('2026-01-01', -1, 'month')).toBe('2025-12-01');
  });

  it('is k periods on by number, and steps back to where it began', () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -500, max: 500 }), (label, k) => {
        const later = periodAfter(label, k, 'day');
        expect(periodNumber(later, 'day') - periodNumber(label, 'day')).toBe(k);
        expect(periodAfter(later, -k, 'day')).toBe(label);
      }),
    );
  });
});
