import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash64, hash64Base64url } from './hash.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const decode = (id: string) => [...id].reduce((v, c) => v * 64n + BigInt(ALPHABET.indexOf(c)), 0n);

describe('hash64', () => {
  it('writes the same 64 bits as 16 hex digits or as 11 base64url characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        const short = hash64Base64url(input);
        expect(short).toMatch(/^[A-Za-z0-9_-]{11}$/);
        expect(decode(short).toString(16).padStart(16, '0')).toBe(hash64(input));
      }),
    );
  });

  it('gives 64-bit values that reach the top digit', () => {
    // The leftmost character carries the top 4 bits, so only the first 16 letters can lead.
    const leads = new Set(Array.from({ length: 2000 }, (_, i) => hash64Base64url(`k${i}`)[0]));
    expect([...leads].sort().join('')).toBe('ABCDEFGHIJKLMNOP');
  });
});
