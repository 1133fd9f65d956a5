import { RESULT_TABLE_KINDS } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import { ANALYSES } from './analysis-registry.ts';

describe('the analyses POST /query answers', () => {
  it('each have a table, for the terminal and for CSV', () => {
    expect([...RESULT_TABLE_KINDS].sort()).toEqual(Object.keys(ANALYSES).sort());
  });
});
