import { selectorName } from '../matchers/event-selector.ts';
import type { TrendMeasure, TrendsSpec } from './trends.spec.ts';

/** One aggregate of a series: per (period, breakdown value), or per breakdown value over the range. */
export interface TrendRow {
  readonly series: number;
  /** Period label; null in the range totals. */
  readonly bucket: string | null;
  readonly breakdown: string | null;
  readonly count: number;
  readonly persons: number;
  /** Over the events whose property is a number: how many, their sum, min, max, and (for percentiles) all of them ascending. */
  readonly numbers: number;
  readonly sum: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly sorted: readonly number[] | null;
}

export interface TrendLine {
  readonly series: number;
  readonly label: string;
  readonly breakdown: string | null;
  /** One value per period of `buckets`; null where the measure has no value (an average of nothing). */
  readonly values: (number | null)[];
  readonly total: number | null;
}

export interface TrendsResult {
  readonly buckets: string[];
  readonly lines: TrendLine[];
  readonly previous?: {
    readonly buckets: string[];
    readonly lines: TrendLine[];
    /** With `asOf` inside the range: the period before up to the same point (`until`, ISO), its periods and lines. */
    readonly soFar?: { readonly until: string; readonly buckets: string[]; readonly lines: TrendLine[] };
  };
  /** With `personsAt`: the person ids, sorted. */
  readonly persons?: readonly string[];
}

/** A line and the same line elsewhere (the period before, or up to the same point): the same series and breakdown value. */
export const sameLine = (a: TrendLine) => (b: TrendLine): boolean => a.series === b.series && a.breakdown === b.breakdown;

const PERCENTILE: Partial<Record<TrendMeasure, number>> = { p50: 0.5, p90: 0.9, p99: 0.99 };

/**
 * The value of a measure from an aggregate row. Percentiles are the lower value at rank
 * (n - 1) * p, so every engine picks the same element.
 */
export function measureValue(measure: TrendMeasure, row: TrendRow | undefined): number | null {
  if (measure === 'count') return row?.count ?? 0;
  if (measure === 'persons') return row?.persons ?? 0;
  if (measure === 'sum') return row && row.numbers > 0 ? row.sum : 0;
  if (!row || row.numbers === 0) return null;
  if (measure === 'avg') return row.sum / row.numbers;
  if (measure === 'min') return row.min;
  if (measure === 'max') return row.max;
  const sorted = row.sorted ?? [];
  return sorted[Math.floor((sorted.length - 1) * PERCENTILE[measure]!)] ?? null;
}

/** Lays aggregate rows out as lines: one per series and breakdown value, in a fixed order. */
export function shapeTrendLines(spec: TrendsSpec, buckets: string[], rows: readonly TrendRow[]): TrendLine[] {
  const lines: TrendLine[] = [];
  for (const [index, series] of spec.series.entries()) {
    const mine = rows.filter((r) => r.series === index);
    const values = spec.breakdown ? [...new Set(mine.map((r) => r.breakdown))].sort(compareBreakdown) : [null];
    for (const breakdown of values) {
      const byBucket = new Map(mine.filter((r) => r.breakdown === breakdown && r.bucket !== null).map((r) => [r.bucket!, r]));
      const total = mine.find((r) => r.breakdown === breakdown && r.bucket === null);
      lines.push({
        series: index,
        label: series.label ?? `${series.measure}(${selectorName(series.matcher)}${series.property ? `.${series.property}` : ''})`,
        breakdown,
        values: buckets.map((b) => measureValue(series.measure, byBucket.get(b))),
        total: measureValue(series.measure, total),
      });
    }
  }
  return lines;
}

/** Breakdown values ascending, the missing value last. */
const compareBreakdown = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
