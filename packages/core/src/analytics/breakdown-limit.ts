import { Type } from '@sinclair/typebox';
import type { FunnelResult } from './funnel/funnel.shape.ts';
import type { MetricResult } from './metrics/metric.spec.ts';
import type { TrendsResult } from './trends/trends.shape.ts';

/** The values a breakdown shows unless its `limit` says otherwise, and the most it can ask for. */
export const DEFAULT_BREAKDOWN_LIMIT = 25;
export const MAX_BREAKDOWN_LIMIT = 1_000;

/** Breakdown values ascending, the missing value last: how values ranking alike are ordered. */
export const compareBreakdownValues = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** A breakdown's `limit`: a property like a URL can have thousands of values, which no chart or table can show. */
export const BreakdownLimit = (ranked: string) =>
  Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BREAKDOWN_LIMIT, description: `The most values shown: those with the most ${ranked} (default ${DEFAULT_BREAKDOWN_LIMIT}).` }));

/** How many breakdown values a trend's lines, a funnel's groups or a metric's lines leave out: past `breakdown.limit`, those with the least. */
export function breakdownValuesLeftOut(result: TrendsResult | FunnelResult | MetricResult): number {
  const shown = 'lines' in result ? new Set([...result.lines, ...(result.previous?.lines ?? [])].map((l) => l.breakdown)).size : (result.breakdown?.length ?? 0);
  return (result.breakdownValues ?? 0) - shown;
}
