import type { Cell, ResultTable } from './result-table.ts';

/**
 * A result's table (`resultTable`) as CSV (RFC 4180) for a spreadsheet: numbers as they are (a
 * rate as its share, 0.25), missing cells empty. Text that a spreadsheet would run as a formula
 * (an event or page named "=HYPERLINK(...)") is kept as text by a leading apostrophe.
 */
export function tableCsv(table: ResultTable): string {
  const lines = [table.columns.map((c) => field(c.name)), ...table.rows.map((r) => r.map(field))];
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

function field(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
