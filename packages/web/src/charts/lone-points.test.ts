import { describe, expect, it } from 'vitest';
import { lonePoints } from './lone-points.ts';

const marked = (values: (number | null)[]) => lonePoints(values).map((p) => typeof p === 'object' && p !== null);

describe('lonePoints', () => {
  it('marks only the values no segment reaches: alone, or between gaps and the ends', () => {
    expect(marked([5])).toEqual([true]);
    expect(marked([1, 2, 3])).toEqual([false, false, false]);
    expect(marked([1, null, 3, 4])).toEqual([true, false, false, false]);
    expect(marked([null, 2, null, 0, 1])).toEqual([false, true, false, false, false]);
    expect(marked([])).toEqual([]);
  });

  it('keeps every value as it was', () => {
    const values = [null, 2, null, 0, 1, null];
    expect(lonePoints(values).map((p) => (typeof p === 'object' && p !== null ? p.value : p))).toEqual(values);
  });
});
