import type { KpiStatus } from '../api/types.ts';

/** How every number on the map is written, shared by the cells, the exports and the tests. */

const count = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export const formatCount = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : count.format(n));

export const formatCompact = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : Math.abs(n) < 10_000 ? count.format(n) : compact.format(n));

/** A share (0.1234) as "12.3%". */
export const formatPercent = (share: number | null | undefined): string => (share === null || share === undefined ? '–' : `${(share * 100).toFixed(1)}%`);

/** A duration as the largest unit that keeps it readable: "850 ms", "42 s", "3.5 h", "4.2 d". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

const RATE_METRICS = new Set([
  'conversion_rate', 'drop_off_rate', 'error_rate', 'churn_rate', 'open_rate', 'click_rate', 'delivery_rate', 'ticket_rate', 'first_contact_resolution', 'repeat_rate', 'activation_rate',
]);
const DURATION_METRICS = new Set(['median_time_to_next_ms', 'load_time_ms', 'resolution_time_ms']);
const MONEY_METRICS = new Set(['revenue', 'average_order_value', 'mrr', 'cac', 'clv']);

/** A KPI's value in its metric's terms: rates as percentages, times as durations, money with its unit. */
export function formatMetric(metric: string, value: number | null | undefined, unit?: string): string {
  if (value === null || value === undefined) return '–';
  if (RATE_METRICS.has(metric)) return formatPercent(value);
  if (DURATION_METRICS.has(metric)) return formatDuration(value);
  if (MONEY_METRICS.has(metric)) {
    const amount = Math.abs(value) >= 10_000 ? compact.format(value) : value.toFixed(value % 1 === 0 ? 0 : 2);
    return unit === 'USD' || unit === undefined ? `$${amount}` : `${amount} ${unit}`;
  }
  const text = Number.isInteger(value) ? formatCompact(value) : value.toFixed(2);
  return unit && unit !== 'ms' ? `${text} ${unit}` : text;
}

/** A relative change (0.052) as "+5.2%"; ten times as much or more as a multiple ("×1,046"); no previous value reads "new". */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return '–';
  if (!Number.isFinite(change)) return 'new';
  if (change >= 9) return `×${count.format(Math.round(1 + change))}`;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${Math.abs(change * 100).toFixed(1)}%`;
}

export const STATUS_LABEL: Record<KpiStatus, string> = { on: 'On track', at_risk: 'At risk', off: 'Off track', no_data: 'No data' };
