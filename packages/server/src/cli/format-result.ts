import { resultTable, type Cell, type ColumnKind, type FunnelResult } from '@waymark/core';

/**
 * A result as a plain-text table for the terminal (`resultTable`: the same table the analyses
 * page downloads as CSV); a kind without a table as indented JSON.
 */
export function formatResult(kind: string, result: unknown): string {
  const t = resultTable(kind, result);
  if (!t) return JSON.stringify(result, null, 2);
  const rows = [t.columns.map((c) => c.name), ...t.rows.map((r) => r.map((v, i) => cell(v, t.columns[i]!.kind)))];
  const time = kind === 'funnel' ? (result as FunnelResult).overall.timeToConvert : undefined;
  return `${table(rows)}${time ? `\ntime to convert: median ${duration(time.medianMs)}, p90 ${duration(time.p90Ms)}` : ''}`;
}

function cell(v: Cell, kind: ColumnKind): string {
  if (v === null) return '-';
  if (typeof v === 'string') return v;
  if (kind === 'rate') return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
}

const duration = (ms: number | null | undefined) => (ms == null ? '-' : ms < 3_600_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

/** Columns padded to their widest cell; the first column left-aligned, the rest right-aligned. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n');
}
