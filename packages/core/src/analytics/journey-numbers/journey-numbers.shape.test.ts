import { describe, expect, it } from 'vitest';
import { goalValue, kpiStatus, kpiValue, unitNumbers } from './journey-numbers.shape.ts';
import type { UnitCounts } from './journey-numbers.plan.ts';

const counts: UnitCounts = { persons: 4, events: 10, converted: 3, goalConverted: 1, repeaters: 2, timesToNext: [10, 20, 40], revenue: 300, revenueEvents: 2 };

describe('kpiStatus', () => {
  it.each([
    [0.3, 0.3, 'higher_is_better', 'on'],
    [0.35, 0.3, 'higher_is_better', 'on'],
    [0.27, 0.3, 'higher_is_better', 'at_risk'],
    [0.2699, 0.3, 'higher_is_better', 'off'],
    [0.4, 0.4, 'lower_is_better', 'on'],
    [0.44, 0.4, 'lower_is_better', 'at_risk'],
    [0.4401, 0.4, 'lower_is_better', 'off'],
    // Exactly 10% off, though the subtraction comes out a hair over 10% in floating point.
    [0.33, 0.3, 'lower_is_better', 'at_risk'],
    [0.3300001, 0.3, 'lower_is_better', 'off'],
    [0.63, 0.7, 'higher_is_better', 'at_risk'],
    [0, 0, 'higher_is_better', 'on'],
    [-1, 0, 'higher_is_better', 'off'],
    [null, 5, 'higher_is_better', 'no_data'],
  ] as const)('%s against %s (%s) is %s', (value, target, direction, status) => {
    expect(kpiStatus(value, target, direction)).toBe(status);
  });
});

describe('unit numbers and KPI values', () => {
  it('derive rates from counts; the last unit has no conversion to next', () => {
    expect(unitNumbers(counts, true)).toEqual({ persons: 4, events: 10, conversionToNext: 0.75, conversionToGoal: 0.25, dropOff: 0.25, medianTimeToNextMs: 20 });
    expect(unitNumbers(counts, false)).toMatchObject({ conversionToNext: null, dropOff: null });
    expect(unitNumbers({ ...counts, persons: 0, converted: 0, goalConverted: 0, timesToNext: [] }, true)).toMatchObject({ conversionToNext: null, conversionToGoal: null, medianTimeToNextMs: null });
    expect(unitNumbers({ ...counts, timesToNext: [10, 20] }, true).medianTimeToNextMs).toBe(15);
  });

  it('compute the metrics events can give, and nothing for the others', () => {
    const n = unitNumbers(counts, true);
    expect(kpiValue('repeat_rate', counts, n)).toBe(0.5);
    expect(kpiValue('revenue', counts, n)).toBe(300);
    expect(kpiValue('average_order_value', counts, n)).toBe(150);
    expect(kpiValue('revenue', { ...counts, revenue: 0, revenueEvents: 0 }, n)).toBeNull();
    expect(kpiValue('csat', counts, n)).toBeNull();
    expect(kpiValue('nps', counts, n)).toBeNull();
    expect(goalValue('conversion_rate', { persons: 2, events: 3, repeaters: 1, revenue: 0, revenueEvents: 0, mapPersons: 8 })).toBe(0.25);
    expect(goalValue('repeat_rate', { persons: 2, events: 3, repeaters: 1, revenue: 0, revenueEvents: 0, mapPersons: 8 })).toBe(0.5);
    expect(goalValue('conversion_rate', { persons: 0, events: 0, repeaters: 0, revenue: 0, revenueEvents: 0, mapPersons: 0 })).toBeNull();
  });
});
