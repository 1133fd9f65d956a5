import { describe, expect, it } from 'vitest';
import { conditionText, parseConditionValue } from './condition-value.ts';

describe('a condition value typed in the matcher picker', () => {
  it('keeps numbers and booleans typed, since the server compares typed values', () => {
    expect(parseConditionValue('eq', '2')).toBe(2);
    expect(parseConditionValue('gte', ' 2.5 ')).toBe(2.5);
    expect(parseConditionValue('eq', 'true')).toBe(true);
    expect(parseConditionValue('eq', 'web')).toBe('web');
    expect(parseConditionValue('eq', '')).toBe('');
  });

  it('reads a list for in / not in, and text for contains', () => {
    expect(parseConditionValue('in', 'cpc, paid_social, 3')).toEqual(['cpc', 'paid_social', 3]);
    expect(parseConditionValue('not_in', '')).toEqual([]);
    expect(parseConditionValue('contains', '404')).toBe('404');
    expect(parseConditionValue('exists', 'anything')).toBeUndefined();
  });

  it('writes a value back as the text it came from', () => {
    for (const [op, typed] of [['in', 'cpc, paid_social'], ['eq', '2'], ['eq', 'true'], ['contains', 'checkout']] as const) {
      expect(conditionText(parseConditionValue(op, typed))).toBe(typed);
    }
    expect(conditionText(undefined)).toBe('');
  });
});
