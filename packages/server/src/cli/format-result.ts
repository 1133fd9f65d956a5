/**
 * A result as a plain-text table for the terminal: trends as periods by lines; other kinds as
 * indented JSON until they have a table of their own.
 */
export function formatResult(kind: string, result: unknown): string {
  if (kind === 'trends') return trendsTable(result as { buckets: string[]; lines: { label: string; breakdown: string | null; values: (number | null)[]; total: number | null }[] });
  return JSON.stringify(result, null, 2);
}

function trendsTable(result: { buckets: string[]; lines: { label: string; breakdown: string | null; values: (number | null)[]; total: number | null }[] }): string {
  const header = ['period', ...result.lines.map((l) => (l.breakdown === null ? l.label : `${l.label} [${l.breakdown}]`))];
  const cell = (v: number | null) => (v === null ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(2));
  const rows = [
    header,
    ...result.buckets.map((b, i) => [b, ...result.lines.map((l) => cell(l.values[i] ?? null))]),
    ['total', ...result.lines.map((l) => cell(l.total))],
  ];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n');
}
