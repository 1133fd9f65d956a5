import { groupBy } from '../../util/group-by.ts';
import { compareBreakdownValues, DEFAULT_BREAKDOWN_LIMIT } from '../breakdown-limit.ts';
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
  /** With a breakdown: how many values it has in the range and (comparing) the period before; the lines show at most `breakdown.limit` of them. */
  readonly breakdownValues?: number;
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

/** The aggregate rows of one range and its periods. */
export interface TrendPart {
  readonly buckets: string[];
  readonly rows: readonly TrendRow[];
}

/**
 * The result from the aggregate rows of the range, of the period before and of its part up to
 * `soFar.until`. A breakdown shows the `limit` values with the most events in the range (over
 * every series), most first; then those with the most in the period before, so a value gone
 * since keeps its line there; ties in value order, the missing value last.
 */
export function shapeTrends(spec: TrendsSpec, now: TrendPart, before?: TrendPart, soFar?: (TrendPart & { readonly until: string }) | null): TrendsResult {
  const [events, eventsBefore] = [eventsPerValue(now.rows), eventsPerValue(before?.rows ?? [])];
  const values = spec.breakdown ? new Set([...events.keys(), ...eventsBefore.keys()]) : null;
  const most = (counts: Map<string | null, number>, a: string | null, b: string | null) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0);
  const shown = values && [...values].sort((a, b) => most(events, a, b) || most(eventsBefore, a, b) || compareBreakdownValues(a, b)).slice(0, spec.breakdown!.limit ?? DEFAULT_BREAKDOWN_LIMIT);
  const lay = (part: TrendPart) => ({ buckets: part.buckets, lines: shapeTrendLines(spec, part.buckets, part.rows, shown) });
  return {
    ...lay(now),
    ...(values && { breakdownValues: values.size }),
    ...(before && { previous: { ...lay(before), ...(soFar && { soFar: { until: soFar.until, ...lay(soFar) } }) } }),
  };
}

/** Events per breakdown value over the range, summed over the series. */
function eventsPerValue(rows: readonly TrendRow[]): Map<string | null, number> {
  const events = new Map<string | null, number>();
  for (const r of rows) if (r.bucket === null) events.set(r.breakdown, (events.get(r.breakdown) ?? 0) + r.count);
  return events;
}

/** Lays aggregate rows out as lines: per series, one per breakdown value of `shown` it has, in that order (without a breakdown, one). */
function shapeTrendLines(spec: TrendsSpec, buckets: string[], rows: readonly TrendRow[], shown: readonly (string | null)[] | null): TrendLine[] {
  const lines: TrendLine[] = [];
  for (const [index, series] of spec.series.entries()) {
    const byValue = groupBy(rows.filter((r) => r.series === index), (r) => r.breakdown);
    for (const breakdown of shown ? shown.filter((v) => byValue.has(v)) : [null]) {
      const mine = byValue.get(breakdown) ?? [];
      const byBucket = new Map(mine.filter((r) => r.bucket !== null).map((r) => [r.bucket!, r]));
      const total = mine.find((r) => r.bucket === null);
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

