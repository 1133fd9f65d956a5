import type { ConditionOp } from '@waymark/core';

/** Text typed in a value box as the JSON value the matcher compares: numbers stay numbers, lists split on commas. */
export function parseConditionValue(op: ConditionOp, text: string): unknown {
  if (op === 'exists' || op === 'not_exists') return undefined;
  const one = (t: string): unknown => {
    const trimmed = t.trim();
    if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
    return trimmed !== '' && !Number.isNaN(Number(trimmed)) && op !== 'contains' ? Number(trimmed) : trimmed;
  };
  return op === 'in' || op === 'not_in' ? text.split(',').map(one).filter((v) => v !== '') : one(text);
}

export const conditionText = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? '' : String(value));
