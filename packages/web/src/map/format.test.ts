import { describe, expect, it } from 'vitest';
import { formatChange, formatDuration, formatMetric, formatPercent } from './format.ts';

describe('numbers on the map', () => {
  it('writes rates, times and money in their own terms', () => {
    expect(formatMetric('conversion_rate', 0.1234)).toBe('12.3%');
    expect(formatMetric('load_time_ms', 2600)).toBe('2.6 s');
    expect(formatMetric('median_time_to_next_ms', 4 * 86_400_000)).toBe('4.0 d');
    expect(formatMetric('average_order_value', 140.5, 'USD')).toBe('$140.50');
    expect(formatMetric('revenue', 250_000, 'USD')).toBe('$250K');
    expect(formatMetric('events', 12_345)).toBe('12.3K');
    expect(formatMetric('persons', null)).toBe('–');
  });

  it('signs changes and marks a number without a previous one', () => {
    expect(formatChange(0.052)).toBe('+5.2%');
    expect(formatChange(-0.1)).toBe('−10.0%');
    expect(formatChange(0)).toBe('±0.0%');
    expect(formatChange(null)).toBe('–');
    expect(formatChange(Infinity)).toBe('new');
    // Against next to nothing, a percentage says little: ten times or more reads as a multiple.
    expect(formatChange(8.9)).toBe('+890.0%');
    expect(formatChange(9)).toBe('×10');
    expect(formatChange(1045.286)).toBe('×1,046');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatDuration(999)).toBe('999 ms');
  });
});
