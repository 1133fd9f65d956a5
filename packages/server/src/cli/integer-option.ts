import { readWholeNumber, WaymarkError } from '@waymark/core';

/** A whole-number option from min to max (readWholeNumber); anything else names the flag. */
export function integerOption(value: string, flag: string, min: number, max: number): number {
  const n = readWholeNumber(value, min, max);
  if (n === null) throw new WaymarkError('WM_CLI_INVALID_OPTION', flag, `${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}
