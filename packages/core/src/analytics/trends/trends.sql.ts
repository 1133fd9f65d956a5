import { bucketsIn, readRange, type AnalysisRange } from '../analysis-range.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import { compileSelector } from '../sql/compile-matcher.ts';
import { shapeTrendLines, type TrendRow, type TrendsResult } from './trends.shape.ts';
import type { TrendsSpec } from './trends.spec.ts';

/**
 * Trends as SQL for one dialect: per series and range, one query aggregating per (period,
 * breakdown) and per breakdown over the range, in a single pass over the matching events.
 */
export function compileTrends(d: SqlDialect, spec: TrendsSpec, projectId: string, defaultTimeZone = 'UTC'): CompiledAnalysis<TrendsResult> {
  const range = readRange(spec, defaultTimeZone);
  const ranges: AnalysisRange[] = [range];
  if (spec.compare) ranges.push({ ...range, from: range.from - (range.to - range.from), to: range.from });
  const queries = ranges.flatMap((r) => spec.series.map((_, index) => seriesQuery(d, spec, index, projectId, r)));
  return {
    queries,
    shape(results) {
      const lines = ranges.map((r, k) => {
        const rows = spec.series.flatMap((_, index) => (results[k * spec.series.length + index] ?? []).map((row) => toTrendRow(index, row)));
        const buckets = bucketsIn(r, spec.interval);
        return { buckets, lines: shapeTrendLines(spec, buckets, rows) };
      });
      return spec.compare ? { ...lines[0]!, previous: lines[1]! } : lines[0]!;
    },
  };
}

function seriesQuery(d: SqlDialect, spec: TrendsSpec, index: number, projectId: string, range: AnalysisRange): string {
  const series = spec.series[index]!;
  const breakdown = !spec.breakdown ? 'NULL' : spec.breakdown.property === '$channel' ? 'channel' : d.propertyText(spec.breakdown.property);
  const value = series.property ? `CASE WHEN ${d.propertyKind(series.property)} = 'number' THEN ${d.propertyNumber(series.property)} END` : d.nullNumber;
  const percentile = ['p50', 'p90', 'p99'].includes(series.measure);
  const aggregates = `count(*) AS n, count(DISTINCT person_id) AS persons, count(v) AS numbers, coalesce(sum(v), 0) AS total, min(v) AS low, max(v) AS high${
    percentile ? `, ${d.sortedNumbers('v')} AS sorted` : ''
  }`;
  return `WITH base AS (
    SELECT ${d.bucket(spec.interval, range.timeZone)} AS bucket, ${breakdown} AS breakdown, person_id, ${value} AS v
    FROM events_resolved
    WHERE project_id = ${d.string(projectId)} AND timestamp >= ${d.timestamp(range.from)} AND timestamp < ${d.timestamp(range.to)}
      AND ${compileSelector(d, series.matcher)}
  )
  SELECT bucket, breakdown, ${aggregates} FROM base GROUP BY bucket, breakdown
  UNION ALL
  SELECT NULL AS bucket, breakdown, ${aggregates} FROM base GROUP BY breakdown`;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toTrendRow(series: number, row: Readonly<Record<string, unknown>>): TrendRow {
  return {
    series,
    bucket: (row['bucket'] as string | null) ?? null,
    breakdown: (row['breakdown'] as string | null) ?? null,
    count: Number(row['n']),
    persons: Number(row['persons']),
    numbers: Number(row['numbers']),
    sum: Number(row['total']),
    min: num(row['low']),
    max: num(row['high']),
    sorted: Array.isArray(row['sorted']) ? (row['sorted'] as unknown[]).map(Number) : null,
  };
}
