import { breakdownValuesLeftOut, resultTable, type Cell, type ColumnKind, type FunnelResult, type MetricResult, type PeriodClock, type TrendsResult } from '@waymark/core';
import { textTable } from './text-table.ts';

/**
 * A result as a plain-text table for the terminal (`resultTable` read at `clock`: the same table
 * the analyses page downloads as CSV); a kind without a table as indented JSON.
 */
export function formatResult(kind: string, result: unknown, clock?: PeriodClock): string {
  const t = resultTable(kind, result, clock);
  if (!t) return JSON.stringify(result, null, 2);
  const rows = [t.columns.map((c) => c.name), ...t.rows.map((r) => r.map((v, i) => cell(v, t.columns[i]!.kind)))];
  // A list of persons (personsAt) goes without the notes of the analysis's table.
  if (Array.isArray((result as { persons?: unknown }).persons)) return table(rows);
  const time = kind === 'funnel' ? (result as FunnelResult).overall.timeToConvert : undefined;
  // A cohort with persons has a blank cell only where its period has not begun.
  const notBegun = kind === 'retention' && t.rows.some(([, size, ...cells]) => size !== 0 && cells.includes(null));
  const leftOut = ['trends', 'funnel', 'metric'].includes(kind) ? breakdownValuesLeftOut(result as TrendsResult | FunnelResult | MetricResult) : 0;
  const cut = leftOut > 0 ? `\nbreakdown values left out: ${leftOut} (breakdown.limit shows more)` : '';
  return `${table(rows)}${time ? `\ntime to convert: median ${duration(time.medianMs)}, p90 ${duration(time.p90Ms)}` : ''}${notBegun ? '\n-: not begun yet' : ''}${cut}`;
}

function cell(v: Cell, kind: ColumnKind): string {
  if (v === null) return '-';
  if (typeof v === 'string') return v;
  if (kind === 'rate') return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
}

const duration = (ms: number | null | undefined) => (ms == null ? '-' : ms < 3_600_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

/** The first column (labels) left-aligned, the numbers right-aligned. */
const table = (rows: string[][]) => textTable(rows, (c) => c > 0);
