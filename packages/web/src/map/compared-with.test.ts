import { describe, expect, it } from 'vitest';
import type { JourneyNumbers } from '../api/types.ts';
import { comparedWith } from './compared-with.ts';

const numbers = (previousTo: string) =>
  ({ range: { from: '2026-11-18T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' }, previous: { from: '2026-11-11T00:00:00.000Z', to: previousTo } }) as unknown as JourneyNumbers;

describe('comparedWith', () => {
  it('names the period before as the server cut it', () => {
    expect(comparedWith(numbers('2026-11-18T00:00:00.000Z'))).toBe('the previous period');
    expect(comparedWith(numbers('2026-11-17T21:40:00.000Z'))).toBe('the period before, up to the same point');
    expect(comparedWith(undefined)).toBe('the previous period');
  });
});
