/**
 * A line series' data drawn without markers, except where no segment would show a value: a
 * lone period, or a value between two gaps (an average over periods without numbers). ECharts
 * hides every marker of a line with `showSymbol: false`, so such values would not show at all.
 * Use with `showSymbol: true, symbol: 'none'`: an item's own symbol wins. `faint` draws them
 * see-through, as a dashed line's.
 */
export function lonePoints(values: readonly (number | null)[], faint = false): (number | null | { value: number; symbol: string; symbolSize: number; itemStyle?: { opacity: number } })[] {
  const gap = (i: number) => (values[i] ?? null) === null;
  const point = (value: number) => ({ value, symbol: 'circle', symbolSize: 6, ...(faint && { itemStyle: { opacity: 0.45 } }) });
  return values.map((v, i) => (v !== null && gap(i - 1) && gap(i + 1) ? point(v) : v));
}
