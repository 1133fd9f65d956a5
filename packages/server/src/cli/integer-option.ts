import { WaymarkError } from '@waymark/core';

/** A whole-number option from min to max, written as digits (an optional minus first); anything else names the flag. */
export function integerOption(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < min || n > max) throw new WaymarkError('WM_CLI_INVALID_OPTION', flag, `${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}
