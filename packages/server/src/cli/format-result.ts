/**
 * A result as a plain-text table for the terminal: trends as periods by lines; other kinds as
 * indented JSON until they have a table of their own.
 */
export function formatResult(kind: string, result: unknown): string {
  if (kind === 'trends') return trendsTable(result as { buckets: string[]; lines: { label: string; breakdown: string | null; values: (number | null)[]; total: number | null }[] });
  if (kind === 'funnel') return funnelTable(result as FunnelLike);
  if (kind === 'retention') return retentionTable(result as RetentionLike);
  if (kind === 'metric') return metricTable(result as MetricLike);
  return JSON.stringify(result, null, 2);
}

interface FunnelLike {
  overall: { steps: { name: string; persons: number; conversionFromPrevious: number; conversionFromStart: number; dropOff: number }[]; timeToConvert?: { medianMs: number | null; p90Ms: number | null } };
}
interface RetentionLike {
  cohorts: { cohort: string; size: number; rates: readonly number[] }[];
}
interface MetricLike {
  metric: string;
  value: number | null;
  numerator: number;
  denominator: number;
  series?: { bucket: string; value: number | null; numerator: number; denominator: number }[];
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const duration = (ms: number | null | undefined) => (ms == null ? '-' : ms < 3_600_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

function funnelTable(result: FunnelLike): string {
  const rows = [
    ['step', 'persons', 'from previous', 'from start', 'dropped'],
    ...result.overall.steps.map((s) => [s.name, String(s.persons), percent(s.conversionFromPrevious), percent(s.conversionFromStart), String(s.dropOff)]),
  ];
  const time = result.overall.timeToConvert;
  return `${table(rows)}${time ? `\ntime to convert: median ${duration(time.medianMs)}, p90 ${duration(time.p90Ms)}` : ''}`;
}

function retentionTable(result: RetentionLike): string {
  const periods = Math.max(0, ...result.cohorts.map((c) => c.rates.length));
  return table([
    ['cohort', 'size', ...Array.from({ length: periods }, (_, k) => `+${k}`)],
    ...result.cohorts.map((c) => [c.cohort, String(c.size), ...Array.from({ length: periods }, (_, k) => (c.rates[k] === undefined ? '' : percent(c.rates[k]!)))]),
  ]);
}

function metricTable(result: MetricLike): string {
  const value = (v: number | null) => (v === null ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(4));
  const rows = [['period', result.metric, 'numerator', 'denominator'], ...(result.series ?? []).map((p) => [p.bucket, value(p.value), String(p.numerator), String(p.denominator)])];
  rows.push(['total', value(result.value), String(result.numerator), String(result.denominator)]);
  return table(rows);
}

/** Columns padded to their widest cell; the first column left-aligned, the rest right-aligned. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n');
}

function trendsTable(result: { buckets: string[]; lines: { label: string; breakdown: string | null; values: (number | null)[]; total: number | null }[] }): string {
  const header = ['period', ...result.lines.map((l) => (l.breakdown === null ? l.label : `${l.label} [${l.breakdown}]`))];
  const cell = (v: number | null) => (v === null ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(2));
  const rows = [
    header,
    ...result.buckets.map((b, i) => [b, ...result.lines.map((l) => cell(l.values[i] ?? null))]),
    ['total', ...result.lines.map((l) => cell(l.total))],
  ];
  return table(rows);
}
