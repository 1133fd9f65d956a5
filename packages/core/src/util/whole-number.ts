/**
 * A whole number written as digits (a minus first allowed), from min to max; otherwise null.
 * Stricter than Number(): `1e3`, `0x10`, ` 12`, `1.0` and the empty string are not numbers
 * a person means in an option or a variable.
 */
export function readWholeNumber(text: string, min: number, max: number): number | null {
  if (!/^-?\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}
