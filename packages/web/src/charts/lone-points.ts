/**
 * Whether a line has a value no segment reaches: a lone period, or a value between two gaps (an
 * average over periods without numbers). ECharts hides a line's markers with `showSymbol: false`,
 * so such a value would not show at all: a line with one shows its markers.
 */
export function hasLonePoint(values: readonly (number | null)[]): boolean {
  const gap = (i: number) => (values[i] ?? null) === null;
  return values.some((v, i) => v !== null && gap(i - 1) && gap(i + 1));
}
