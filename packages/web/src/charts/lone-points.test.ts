import { describe, expect, it } from 'vitest';
import { hasLonePoint } from './lone-points.ts';

describe('hasLonePoint', () => {
  it('finds the values no segment reaches: alone, or between gaps and the ends', () => {
    expect(hasLonePoint([5])).toBe(true);
    expect(hasLonePoint([1, null, 3, 4])).toBe(true);
    expect(hasLonePoint([null, 2, null, 0, 1])).toBe(true);
  });

  it('finds none on a line whose every value is joined to another, or on no values', () => {
    expect(hasLonePoint([1, 2, 3])).toBe(false);
    expect(hasLonePoint([null, 2, 3, null, null])).toBe(false);
    expect(hasLonePoint([null, null])).toBe(false);
    expect(hasLonePoint([])).toBe(false);
  });
});
