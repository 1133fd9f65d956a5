import type { FunnelGroup, FunnelResult } from './funnel/funnel.shape.ts';
import type { LifecycleResult } from './lifecycle/lifecycle.spec.ts';
import type { MetricPoint, MetricResult, MetricValue } from './metrics/metric.spec.ts';
import type { PathsResult } from './paths/paths.shape.ts';
import { cohortPeriodState, type PeriodClock } from './period-state.ts';
import type { RetentionResult } from './retention/retention.spec.ts';
import type { StickinessResult } from './stickiness/stickiness.spec.ts';
import { sameLine, type TrendLine, type TrendsResult } from './trends/trends.shape.ts';

/**
 * An analysis result as one table: what the terminal prints and a spreadsheet opens. Cells keep
 * their numbers; each column's kind says how to show them (a `rate` is a share from 0 to 1, which
 * a terminal shows as a percentage and a CSV file keeps as the number).
 */
export type ColumnKind = 'text' | 'count' | 'number' | 'rate';
export type Cell = string | number | null;
export interface ResultColumn {
  readonly name: string;
  readonly kind: ColumnKind;
}
export interface ResultTable {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly Cell[])[];
}

const text = (name: string): ResultColumn => ({ name, kind: 'text' });
const count = (name: string): ResultColumn => ({ name, kind: 'count' });
const rate = (name: string): ResultColumn => ({ name, kind: 'rate' });
const number = (name: string): ResultColumn => ({ name, kind: 'number' });

/** Each kind's table, from its result as `POST /query` returns it. */
const TABLES = {
  trends: trendsTable,
  funnel: funnelTable,
  retention: retentionTable,
  lifecycle: lifecycleTable,
  stickiness: stickinessTable,
  paths: pathsTable,
  metric: metricTable,
  segment: personsTable,
};

/** The kinds whose results have a table: every analysis `POST /query` answers (a server test holds the two lists together). */
export const RESULT_TABLE_KINDS = Object.keys(TABLES) as readonly (keyof typeof TABLES)[];

/**
 * The table of a result of `kind` (as `POST /query` returns it), or null for a kind without one.
 * A result with the persons behind a number (`personsAt`) is the list of those persons: what the
 * spec asked for, and what a CSV of them is for (a list to act on). Read at `clock`, a retention
 * cell whose period has not begun is blank, not 0%: nobody could have come back yet.
 */
export function resultTable(kind: string, result: unknown, clock?: PeriodClock): ResultTable | null {
  if (!Object.hasOwn(TABLES, kind)) return null;
  if (Array.isArray((result as { persons?: unknown }).persons)) return personsTable(result as { persons: string[] });
  return (TABLES[kind as keyof typeof TABLES] as (result: unknown, clock?: PeriodClock) => ResultTable)(result, clock);
}

/**
 * Periods by line, and the range's totals last; comparing, then the same lines' totals over the
 * period before, and over it up to the point the range was read at (`soFar`).
 */
function trendsTable(result: TrendsResult): ResultTable {
  const totals = (name: string, lines: readonly TrendLine[]) => [name, ...result.lines.map((l) => lines.find(sameLine(l))?.total ?? null)];
  const { previous } = result;
  return {
    columns: [text('period'), ...result.lines.map((l) => number(l.breakdown === null ? l.label : `${l.label} [${l.breakdown}]`))],
    rows: [
      ...result.buckets.map((b, i) => [b, ...result.lines.map((l) => l.values[i] ?? null)]),
      ['total', ...result.lines.map((l) => l.total)],
      ...(previous ? [totals('total, period before', previous.lines)] : []),
      ...(previous?.soFar ? [totals(`total, period before to ${previous.soFar.until}`, previous.soFar.lines)] : []),
    ],
  };
}

/** Steps with persons, conversion and drop-off; split, the whole funnel first, then each group. */
function funnelTable(result: FunnelResult): ResultTable {
  const steps = (group: FunnelGroup) => group.steps.map((s) => [s.name, s.persons, s.conversionFromPrevious, s.conversionFromStart, s.dropOff]);
  const columns = [text('step'), count('persons'), rate('from previous'), rate('from start'), count('dropped')];
  if (!result.breakdown) return { columns, rows: steps(result.overall) };
  return {
    columns: [text('group'), ...columns],
    rows: [...steps(result.overall).map((r) => ['all', ...r]), ...result.breakdown.flatMap((g) => steps(g).map((r) => [g.value ?? '(none)', ...r]))],
  };
}

/** Cohorts by period: the share of each cohort back in its k-th period after (0: its own); blank for an empty cohort and, read at `clock`, for a period not begun. */
function retentionTable(result: RetentionResult, clock?: PeriodClock): ResultTable {
  const periods = Array.from({ length: result.periods + 1 }, (_, k) => k);
  const begun = (cohort: string, k: number) => !clock || cohortPeriodState(cohort, k, result.interval, clock).state !== 'future';
  return {
    columns: [text('cohort'), count('persons'), ...periods.map((k) => rate(`${result.interval} ${k}`))],
    rows: result.cohorts.map((c) => [c.cohort, c.size, ...periods.map((k) => (c.size && begun(c.cohort, k) ? (c.rates[k] ?? 0) : null))]),
  };
}

function lifecycleTable(result: LifecycleResult): ResultTable {
  return {
    columns: [text('period'), count('new'), count('returning'), count('resurrecting'), count('dormant')],
    rows: result.periods.map((p) => [p.period, p.new, p.returning, p.resurrecting, p.dormant]),
  };
}

/** Persons active in each period, and how many of them on 1, 2, ... days of it. */
function stickinessTable(result: StickinessResult): ResultTable {
  const days = Math.max(0, ...result.periods.map((p) => p.days.length));
  return {
    columns: [text('period'), count('persons'), ...Array.from({ length: days }, (_, d) => count(d === 0 ? '1 day' : `${d + 1} days`))],
    rows: result.periods.map((p) => [p.period, p.persons, ...Array.from({ length: days }, (_, d) => p.days[d] ?? 0)]),
  };
}

/** Each transition of the Sankey: from a step's label to the next step's, with its paths. */
function pathsTable(result: PathsResult): ResultTable {
  const nodes = new Map(result.nodes.map((n) => [n.id, n]));
  return {
    columns: [count('step'), text('from'), text('to'), count('paths')],
    rows: result.links.map((l) => [nodes.get(l.target)!.step, nodes.get(l.source)!.label, nodes.get(l.target)!.label, l.count]),
  };
}

/** The metric per period (when asked for), and over the whole range last. */
/** Periods and the range's total; broken down, the whole first, then each value's (a `group` column). */
function metricTable(result: MetricResult): ResultTable {
  const rows = (m: { readonly series?: readonly MetricPoint[] } & MetricValue) => [
    ...(m.series ?? []).map((p) => [p.bucket, p.value, p.numerator, p.denominator]),
    ['total', m.value, m.numerator, m.denominator],
  ];
  const columns = [text('period'), number(result.metric), count('numerator'), count('denominator')];
  if (!result.breakdown) return { columns, rows: rows(result) };
  return {
    columns: [text('group'), ...columns],
    rows: [...rows(result).map((r) => ['all', ...r]), ...result.breakdown.flatMap((line) => rows(line).map((r) => [line.key ?? '(none)', ...r]))],
  };
}

/** A segment's persons, or those behind a number of another analysis: one id per row. */
export function personsTable(result: { readonly persons: readonly string[] }): ResultTable {
  return { columns: [text('person')], rows: result.persons.map((p) => [p]) };
}
