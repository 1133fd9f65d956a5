import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWholeNumber } from './whole-number.ts';

describe('readWholeNumber', () => {
  it('reads back any whole number in its range, and nothing outside it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), (n, bound) => {
        const [min, max] = bound < 0 ? [bound, bound + 1e9] : [bound - 1e9, bound];
        expect(readWholeNumber(String(n), min, max)).toBe(n >= min && n <= max ? n : null);
      }),
    );
  });

  it.each(['1e3', '0x10', ' 12', '12 ', '1.0', '', '-', '+5', '١٢'])('refuses %j', (text) => {
    expect(readWholeNumber(text, -1e6, 1e6)).toBeNull();
  });
});
