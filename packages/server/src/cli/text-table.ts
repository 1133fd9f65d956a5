/**
 * Rows as columns padded to their widest cell, two spaces apart, with no trailing spaces; the
 * columns `alignRight` picks (numbers) line up on the right.
 */
export function textTable(rows: readonly (readonly string[])[], alignRight: (column: number) => boolean = () => false): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((v, c) => (alignRight(c) ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}
