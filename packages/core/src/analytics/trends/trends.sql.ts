import { bucketsIn, personsBucket, previousRange, readRange, type AnalysisRange } from '../analysis-range.ts';
import { sortedPersonIds, type CompiledAnalysis } from '../compiled-analysis.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import { compileSelector, textIs } from '../sql/compile-matcher.ts';
import { shapeTrends, type TrendRow, type TrendsResult } from './trends.shape.ts';
import { personsRange, soFarRange, type TrendsSpec } from './trends.spec.ts';

/**
 * Trends as SQL for one dialect: per series and range, one query aggregating per (period,
 * breakdown) and per breakdown over the range, in a single pass over the matching events; the
 * period before's also aggregates its events before `soFar`'s end (rows of `part` 's'). With
 * `personsAt`, one more for the persons behind a line.
 */
export function compileTrends(d: SqlDialect, spec: TrendsSpec, projectId: string, defaultTimeZone = 'UTC'): CompiledAnalysis<TrendsResult> {
  const range = readRange(spec, defaultTimeZone);
  const soFar = soFarRange(spec, range);
  const ranges: AnalysisRange[] = [range, ...(spec.compare ? [previousRange(range)] : [])];
  const queries = ranges.flatMap((r, k) => spec.series.map((_, index) => seriesQuery(d, spec, index, projectId, r, k === 1 ? soFar?.to : undefined)));
  const persons = spec.personsAt ? personsQuery(d, spec, projectId, personsRange(spec, range)) : null;
  return {
    queries: persons ? [...queries, persons] : queries,
    shape(results) {
      const part = (r: AnalysisRange, k: number, name: string) => ({
        buckets: bucketsIn(r, spec.interval),
        rows: spec.series.flatMap((_, index) => (results[k * spec.series.length + index] ?? []).filter((row) => row['part'] === name).map((row) => toTrendRow(index, row))),
      });
      const [now, before] = ranges.map((r, k) => part(r, k, 'w'));
      const result = shapeTrends(spec, now!, before, soFar && { until: new Date(soFar.to).toISOString(), ...part(soFar, 1, 's') });
      return persons ? { ...result, persons: sortedPersonIds(results[queries.length] ?? []) } : result;
    },
  };
}

/** The breakdown text of each event, as `propertyText` reads it (`$channel`: the channel); NULL without a breakdown. */
const breakdownSql = (d: SqlDialect, spec: TrendsSpec): string =>
  !spec.breakdown ? 'NULL' : spec.breakdown.property === '$channel' ? 'channel' : d.propertyText(spec.breakdown.property);

/** The events of the range matching the series, as the aggregates read them. */
const matchingEvents = (d: SqlDialect, spec: TrendsSpec, index: number, projectId: string, range: AnalysisRange): string =>
  `FROM events_resolved
    WHERE project_id = ${d.string(projectId)} AND timestamp >= ${d.timestamp(range.from)} AND timestamp < ${d.timestamp(range.to)}
      AND ${compileSelector(d, spec.series[index]!.matcher)}`;

function personsQuery(d: SqlDialect, spec: TrendsSpec, projectId: string, range: AnalysisRange): string {
  const at = spec.personsAt!;
  const bucket = personsBucket(range, spec.interval, at.bucket);
  const breakdown = spec.breakdown ? ` AND ${textIs(d, breakdownSql(d, spec), at.breakdown ?? null)}` : '';
  return `SELECT DISTINCT person_id ${matchingEvents(d, spec, at.series, projectId, range)}${bucket === undefined ? '' : ` AND ${d.bucket(spec.interval, range.timeZone)} = ${d.string(bucket)}`}${breakdown}`;
}

function seriesQuery(d: SqlDialect, spec: TrendsSpec, index: number, projectId: string, range: AnalysisRange, until?: number): string {
  const series = spec.series[index]!;
  const value = series.property ? `CASE WHEN ${d.propertyKind(series.property)} = 'number' THEN ${d.propertyNumber(series.property)} END` : d.nullNumber;
  const percentile = ['p50', 'p90', 'p99'].includes(series.measure);
  const aggregates = `count(*) AS n, count(DISTINCT person_id) AS persons, count(v) AS numbers, coalesce(sum(v), 0) AS total, min(v) AS low, max(v) AS high${
    percentile ? `, ${d.sortedNumbers('v')} AS sorted` : ''
  }`;
  // The same events read once for the range and, cut at `until`, for the part of it before.
  const part = (name: string, where: string) => [
    `SELECT '${name}' AS part, bucket, breakdown, ${aggregates} FROM base${where} GROUP BY bucket, breakdown`,
    `SELECT '${name}' AS part, NULL AS bucket, breakdown, ${aggregates} FROM base${where} GROUP BY breakdown`,
  ];
  const selects = [...part('w', ''), ...(until === undefined ? [] : part('s', ' WHERE early'))];
  return `WITH base AS (
    SELECT ${d.bucket(spec.interval, range.timeZone)} AS bucket, ${breakdownSql(d, spec)} AS breakdown, person_id, ${value} AS v${until === undefined ? '' : `, timestamp < ${d.timestamp(until)} AS early`}
    ${matchingEvents(d, spec, index, projectId, range)}
  )
  ${selects.join('\n  UNION ALL\n  ')}`;
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
