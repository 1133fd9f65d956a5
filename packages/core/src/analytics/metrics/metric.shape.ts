import { ENGAGEMENT_METRICS } from './engagement.ts';
import { groupBy } from '../../util/group-by.ts';
import { compareBreakdownValues, DEFAULT_BREAKDOWN_LIMIT, MAX_BREAKDOWN_LIMIT } from '../breakdown-limit.ts';
import type { MetricImplementation, MetricRow } from './metric-context.ts';
import { metricDefinition, type MetricDefinition, type MetricId } from './metric-definitions.ts';
import type { MetricBreakdownLine, MetricResult, MetricSpec, MetricValue, MetricWindow } from './metric.spec.ts';
import { REVENUE_METRICS } from './revenue.ts';
import { SUPPORT_METRICS } from './support.ts';
import { VOICE_METRICS } from './voice.ts';

/** Every metric's reference and SQL, by id. */
export const METRIC_IMPLEMENTATIONS: Readonly<Record<MetricId, MetricImplementation>> = { ...ENGAGEMENT_METRICS, ...REVENUE_METRICS, ...SUPPORT_METRICS, ...VOICE_METRICS };

/**
 * The value from the counts, computed here once so every engine reports the same number. A
 * median's numerator is the lower value at rank (n - 1) / 2 of its sorted values.
 */
export function metricValue(definition: MetricDefinition, numerator: number, denominator: number): number | null {
  if (definition.value === 'total') return numerator * definition.scale;
  if (denominator === 0) return null;
  return definition.value === 'median' ? numerator : (numerator / denominator) * definition.scale;
}

const counts = (definition: MetricDefinition, rows: readonly MetricRow[]): MetricValue => {
  if (definition.value === 'median') {
    const sorted = rows[0]?.sorted ?? [];
    const numerator = sorted[Math.floor((sorted.length - 1) * 0.5)] ?? 0;
    return { numerator, denominator: sorted.length, value: metricValue(definition, numerator, sorted.length) };
  }
  let numerator = 0;
  let denominator = 0;
  for (const row of rows) {
    numerator += row.numerator;
    denominator += row.denominator;
  }
  return { numerator, denominator, value: metricValue(definition, numerator, denominator) };
};

/**
 * The result from each window's rows (`rows[i]` for `windows[i]`; the first window is the whole
 * range). Rows are summed in breakdown order, so the totals do not depend on the order rows
 * came in. A breakdown lists the `limit` values with the largest denominator over the range
 * (then numerator: a source's spend without customers; then value order, the missing value
 * last), largest first.
 */
export function shapeMetric(spec: MetricSpec, windows: readonly MetricWindow[], rows: readonly (readonly MetricRow[])[]): MetricResult {
  const definition = metricDefinition(spec.metric);
  const sorted = rows.map((r) => [...r].sort((a, b) => compareBreakdownValues(a.key, b.key)));
  const top = counts(definition, sorted[0] ?? []);
  const periods = windows.slice(1);
  const result: { -readonly [K in keyof MetricResult]: MetricResult[K] } = { kind: 'metric', metric: spec.metric, unit: definition.unit, ...top };
  if (periods.length > 0) result.series = periods.map((w, i) => ({ bucket: w.bucket!, ...counts(definition, sorted[i + 1] ?? []) }));
  if (spec.breakdown || definition.breakdown === 'source') {
    const byKey = sorted.map((rows) => groupBy(rows, (r) => r.key));
    const keys = new Set(sorted.flat().map((r) => r.key));
    const lines = [...keys].map((key) => ({ key, ...counts(definition, byKey[0]?.get(key) ?? []) }));
    lines.sort((a, b) => b.denominator - a.denominator || b.numerator - a.numerator || compareBreakdownValues(a.key, b.key));
    // CAC takes no `breakdown` (it is always by source): its sources, as many as the spend has, are listed up to the most a limit allows.
    const limit = spec.breakdown?.limit ?? (definition.breakdown === 'source' ? MAX_BREAKDOWN_LIMIT : DEFAULT_BREAKDOWN_LIMIT);
    result.breakdown = lines.slice(0, limit).map((line): MetricBreakdownLine =>
      periods.length > 0 ? { ...line, series: periods.map((w, i) => ({ bucket: w.bucket!, ...counts(definition, byKey[i + 1]?.get(line.key) ?? []) })) } : line,
    );
    result.breakdownValues = keys.size;
  }
  return result;
}
