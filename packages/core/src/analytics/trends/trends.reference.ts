import type { AnalysisEvent } from '../analysis-event.ts';
import { bucketsIn, personsBucket, previousRange, readRange, type AnalysisRange } from '../analysis-range.ts';
import { matchesSelector } from '../matchers/event-selector.ts';
import { propertyNumber, propertyText, propertyValue } from '../matchers/property-value.ts';
import { bucketOf } from '../time-buckets.ts';
import { shapeTrends, type TrendRow, type TrendsResult } from './trends.shape.ts';
import { personsRange, soFarRange, type TrendsSpec } from './trends.spec.ts';

interface Acc {
  count: number;
  persons: Set<string>;
  values: number[];
}

/**
 * Trends computed from an array of events: the definition every SQL dialect is tested
 * against. Never used on a production path.
 */
export function trendsReference(spec: TrendsSpec, events: readonly AnalysisEvent[], defaultTimeZone = 'UTC'): TrendsResult {
  const range = readRange(spec, defaultTimeZone);
  const part = (r: AnalysisRange) => ({ buckets: bucketsIn(r, spec.interval), rows: aggregate(spec, events, r) });
  const soFar = soFarRange(spec, range);
  const result = shapeTrends(spec, part(range), spec.compare ? part(previousRange(range)) : undefined, soFar && { until: new Date(soFar.to).toISOString(), ...part(soFar) });
  const at = personsRange(spec, range);
  return spec.personsAt ? { ...result, persons: personsOf(spec, spec.personsAt, personsBucket(at, spec.interval, spec.personsAt.bucket), events, at) } : result;
}

/** The breakdown text of an event (`$channel`: its channel); null without a breakdown. */
const breakdownOf = (spec: TrendsSpec, e: AnalysisEvent): string | null =>
  !spec.breakdown ? null : spec.breakdown.property === '$channel' ? e.channel : propertyText(propertyValue(e.properties, spec.breakdown.property));

/** The persons behind a line: who did its series in the range (or in `bucket`), with its breakdown value. */
function personsOf(spec: TrendsSpec, at: NonNullable<TrendsSpec['personsAt']>, bucket: string | undefined, events: readonly AnalysisEvent[], range: AnalysisRange): string[] {
  const persons = new Set<string>();
  for (const e of events) {
    if (e.timestamp < range.from || e.timestamp >= range.to || !matchesSelector(spec.series[at.series]!.matcher, e)) continue;
    if (bucket !== undefined && bucketOf(e.timestamp, spec.interval, range.timeZone) !== bucket) continue;
    if (spec.breakdown && breakdownOf(spec, e) !== at.breakdown) continue;
    persons.add(e.personId);
  }
  return [...persons].sort();
}

function aggregate(spec: TrendsSpec, events: readonly AnalysisEvent[], range: AnalysisRange): TrendRow[] {
  const groups = new Map<string, { series: number; bucket: string | null; breakdown: string | null; acc: Acc }>();
  const add = (series: number, bucket: string | null, breakdown: string | null, e: AnalysisEvent, n: number | null) => {
    const key = JSON.stringify([series, bucket, breakdown]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { series, bucket, breakdown, acc: { count: 0, persons: new Set(), values: [] } }));
    group.acc.count++;
    group.acc.persons.add(e.personId);
    if (n !== null) group.acc.values.push(n);
  };
  for (const e of events) {
    if (e.timestamp < range.from || e.timestamp >= range.to) continue;
    for (const [index, series] of spec.series.entries()) {
      if (!matchesSelector(series.matcher, e)) continue;
      const breakdown = breakdownOf(spec, e);
      const n = series.property ? propertyNumber(propertyValue(e.properties, series.property)) : null;
      add(index, bucketOf(e.timestamp, spec.interval, range.timeZone), breakdown, e, n);
      add(index, null, breakdown, e, n);
    }
  }
  return [...groups.values()].map(({ series, bucket, breakdown, acc }) => {
    const sorted = [...acc.values].sort((a, b) => a - b);
    return {
      series,
      bucket,
      breakdown,
      count: acc.count,
      persons: acc.persons.size,
      numbers: sorted.length,
      sum: acc.values.reduce((s, v) => s + v, 0),
      min: sorted[0] ?? null,
      max: sorted[sorted.length - 1] ?? null,
      sorted,
    };
  });
}
