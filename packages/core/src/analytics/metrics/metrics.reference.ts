import { byTime, type AnalysisEvent } from '../analysis-event.ts';
import { readRange } from '../analysis-range.ts';
import { propertyText, propertyValue } from '../matchers/property-value.ts';
import { METRIC_IMPLEMENTATIONS, shapeMetric } from './metric.shape.ts';
import { metricParameters, metricWindows, type MetricResult, type MetricSpec } from './metric.spec.ts';

/**
 * A metric computed from an array of events (of one project): the definition every SQL dialect
 * is tested against. Never used on a production path.
 *
 * @example
 * metricReference({ kind: 'metric', metric: 'aov', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', interval: 'week' }, events)
 * // { kind: 'metric', metric: 'aov', unit: 'money', numerator: 1234.5, denominator: 20, value: 61.725, series: [...] }
 */
export function metricReference(spec: MetricSpec, events: readonly AnalysisEvent[], defaultTimeZone = 'UTC'): MetricResult {
  const range = readRange(spec, defaultTimeZone);
  const windows = metricWindows(range, spec.interval);
  const implementation = METRIC_IMPLEMENTATIONS[spec.metric]!;
  const sorted = [...events].sort(byTime);
  const p = metricParameters(spec);
  const breakdown = spec.breakdown?.property;
  const key = (e: AnalysisEvent) => (breakdown === undefined ? null : breakdown === '$channel' ? e.channel : propertyText(propertyValue(e.properties, breakdown)));
  const rows = windows.map((w) => implementation.reference({ p, events: sorted, from: w.from, to: w.to, timeZone: w.timeZone, key }));
  return shapeMetric(spec, windows, rows);
}
