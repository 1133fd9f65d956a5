import { readRange } from '../analysis-range.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import type { MetricRow } from './metric-context.ts';
import { METRIC_IMPLEMENTATIONS, shapeMetric } from './metric.shape.ts';
import { metricParameters, metricWindows, type MetricResult, type MetricSpec } from './metric.spec.ts';

/**
 * A metric as SQL for one dialect: one query per window (the range, then each period of the
 * series), each returning rows (k, numerator, denominator[, sorted]) per breakdown value. Every
 * metric's SQL is written once, against SqlDialect, beside its reference (engagement.ts,
 * revenue.ts, support.ts, voice.ts).
 *
 * @example
 * const { queries, shape } = compileMetric(DUCKDB_DIALECT, { kind: 'metric', metric: 'repeat_purchase_rate', from, to }, 'proj_1');
 * const result = shape(await Promise.all(queries.map((q) => engine.query(q))));
 */
export function compileMetric(d: SqlDialect, spec: MetricSpec, projectId: string, defaultTimeZone = 'UTC'): CompiledAnalysis<MetricResult> {
  const range = readRange(spec, defaultTimeZone);
  const windows = metricWindows(range, spec.interval);
  const implementation = METRIC_IMPLEMENTATIONS[spec.metric]!;
  const p = metricParameters(spec);
  const breakdown = spec.breakdown?.property;
  const key = breakdown === undefined ? 'NULL' : breakdown === '$channel' ? 'channel' : d.propertyText(breakdown);
  const active = p.activeEvent !== null ? `event = ${d.string(p.activeEvent)}` : `event <> ${d.string(p.spendEvent)}`;
  const queries = windows.map((w) => {
    const from = d.timestamp(w.from);
    const to = d.timestamp(w.to);
    return implementation.sql({
      d,
      p,
      project: `project_id = ${d.string(projectId)}`,
      from,
      to,
      fromMs: w.from,
      toMs: w.to,
      timeZone: w.timeZone,
      inWindow: `timestamp >= ${from} AND timestamp < ${to}`,
      key,
      active,
      number: (path) => `CASE WHEN ${d.propertyKind(path)} = 'number' THEN ${d.propertyNumber(path)} END`,
    });
  });
  return {
    queries,
    shape: (results) => shapeMetric(spec, windows, windows.map((_, i) => (results[i] ?? []).map(toMetricRow))),
  };
}

function toMetricRow(row: Readonly<Record<string, unknown>>): MetricRow {
  const sorted = row['sorted'];
  return {
    key: (row['k'] as string | null | undefined) ?? null,
    numerator: Number(row['numerator'] ?? 0),
    denominator: Number(row['denominator'] ?? 0),
    ...(Array.isArray(sorted) && { sorted: sorted.map(Number) }),
  };
}
