import { describe, expect, it } from 'vitest';
import { jsonMergePatch } from './json-merge-patch.ts';

describe('jsonMergePatch', () => {
  it('follows the examples of RFC 7396', () => {
    // Appendix A of the RFC, the cases that apply to objects.
    expect(jsonMergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(jsonMergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(jsonMergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(jsonMergePatch({ a: 'b', b: 'c' }, { a: null })).toEqual({ b: 'c' });
    expect(jsonMergePatch({ a: ['b'] }, { a: 'c' })).toEqual({ a: 'c' });
    expect(jsonMergePatch({ a: 'c' }, { a: ['b'] })).toEqual({ a: ['b'] });
    expect(jsonMergePatch({ a: { b: 'c' } }, { a: { b: 'd', c: null } })).toEqual({ a: { b: 'd' } });
    expect(jsonMergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(jsonMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(jsonMergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });

  it('leaves its inputs unchanged', () => {
    const target = { a: { b: 1 } };
    jsonMergePatch(target, { a: { b: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
  });
});
