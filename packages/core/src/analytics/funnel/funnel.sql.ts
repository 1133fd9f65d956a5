import { personsBucket, readRange, type AnalysisRange } from '../analysis-range.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import { compileSelector, textIs } from '../sql/compile-matcher.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import { DEFAULT_HISTOGRAM_BUCKETS, shapeFunnel, type FunnelAggregates, type FunnelResult } from './funnel.shape.ts';
import { breakdownPath, windowMs, type FunnelSpec } from './funnel.spec.ts';
import { asofAttempts } from './funnel-asof.sql.ts';
import { arraysAttempts } from './funnel-arrays.sql.ts';
import { chooseFunnelPlan, flag, funnelPlanRuns, keepsOnePerPerson, type FunnelPlan, type FunnelSqlContext } from './funnel-plan.ts';
import { windowAttempts } from './funnel-window.sql.ts';

/**
 * The funnel as one SQL query for a dialect, meaning exactly what `funnelReference` computes.
 *
 * Plan: read the events of [from, to + window) once, flag the steps and exclusions each matches,
 * then find every attempt's step events and how far it got, by one of the plans of
 * funnel-plan.ts (the dialect's preferred one when it can compute the spec; `plan` forces one,
 * for tests). Each person keeps the attempt that got furthest (the earliest on ties); the query
 * ends with counts per (breakdown, period, steps reached), the times to convert at the ranks
 * the result needs, histogram bins and, on request, person ids. Rates are computed in JS
 * (`shapeFunnel`).
 *
 * @example
 * const { queries, shape } = compileFunnel(DUCKDB_DIALECT, spec, 'proj_1');
 */
export function compileFunnel(
  d: SqlDialect,
  spec: FunnelSpec,
  projectId: string,
  defaultTimeZone = 'UTC',
  plan: FunnelPlan = chooseFunnelPlan(d, spec),
): CompiledAnalysis<FunnelResult> {
  if (!funnelPlanRuns(plan, d, spec)) throw new Error(`funnel: the ${plan} plan cannot compute this spec on ${d.name}`);
  const range = readRange(spec, defaultTimeZone);
  return {
    queries: [funnelSql(d, spec, projectId, range, plan)],
    shape: (results) => shapeFunnel(spec, range, toAggregates(spec, results[0] ?? [])),
  };
}

const ATTEMPTS: Readonly<Record<FunnelPlan, (ctx: FunnelSqlContext) => string[]>> = { window: windowAttempts, asof: asofAttempts, arrays: arraysAttempts };

function funnelSql(d: SqlDialect, spec: FunnelSpec, projectId: string, range: AnalysisRange, plan: FunnelPlan): string {
  const n = spec.steps.length;
  const win = windowMs(spec);
  const exclusions = spec.exclusions ?? [];
  const holds = spec.holdConstant ?? [];
  const text = (path: string) => (path === '$channel' ? 'channel' : d.propertyText(path));
  const path = breakdownPath(spec);
  // Breakdown and period are read from an attempt's first event only: outside `any` order that
  // is a step-0 event, so other rows skip the JSON and the time-zone work.
  const startOnly = (expr: string) => (spec.order === 'any' ? expr : `CASE WHEN ${compileSelector(d, spec.steps[0]!)} THEN ${expr} END`);
  const columns = [
    'person_id AS pid',
    `${d.epochMs()} AS ts`,
    'seq AS sq',
    ...spec.steps.map((s, k) => `${flag(compileSelector(d, s))} AS m${k}`),
    ...exclusions.map((x, j) => `${flag(compileSelector(d, x.matcher))} AS x${j}`),
    ...holds.map((p, i) => `${text(p)} AS h${i}`),
    `${path === null ? 'NULL' : startOnly(text(path))} AS bd`,
    `${spec.interval ? startOnly(d.bucket(spec.interval, range.timeZone)) : 'NULL'} AS bk`,
  ];
  const ctes: string[] = [
    `base AS (SELECT ${columns.join(', ')} FROM events_resolved
      WHERE project_id = ${d.string(projectId)} AND timestamp >= ${d.timestamp(range.from)} AND timestamp < ${d.timestamp(range.to + win)})`,
  ];
  const ctx: FunnelSqlContext = { d, spec, n, win, from: range.from, to: range.to, part: ['pid', ...holds.map((_, i) => `h${i}`)].join(', ') };
  ctes.push(...ATTEMPTS[plan](ctx), ...tail(ctx, keepsOnePerPerson(plan, spec)));
  // A spec that names a period has an interval (validateFunnelSpec).
  return `WITH ${ctes.join(',\n')}\n${outputs(ctx, personsBucket(range, spec.interval!, spec.personsAt?.bucket))}`;
}

/**
 * The attempt each person keeps (ranked here unless the plan kept it already), then every
 * person once per group (g 0: all; g 1: their breakdown value), with converters ranked by time
 * to convert within the group.
 */
function tail({ d, spec, n }: FunnelSqlContext, kept: boolean): string[] {
  const groups = spec.breakdown ? ['0', '1'] : ['0'];
  // One window for all four, so ClickHouse sorts each group once (not once per ordering).
  const w = 'OVER (PARTITION BY g, gbd, conv ORDER BY ttc ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)';
  return [
    ...(kept
      ? [`per AS (SELECT pid, bd, bk, reach, ttc FROM cand WHERE spoiled = 0)`]
      : [
          `best AS (SELECT pid, bd, bk, reach, ttc, row_number() OVER (PARTITION BY pid ORDER BY reach DESC, ts, sq) AS pick FROM cand WHERE spoiled = 0)`,
          `per AS (SELECT pid, bd, bk, reach, ttc FROM best WHERE pick = 1)`,
        ]),
    `fan AS (SELECT p.pid AS pid, p.bd AS bd, p.bk AS bk, p.reach AS reach, p.ttc AS ttc, p.g AS g, CASE WHEN p.g = 0 THEN NULL ELSE p.bd END AS gbd,
      ${flag(`p.reach = ${n}`)} AS conv FROM (SELECT *, ${d.fanOut(groups)} AS g FROM per) AS p)`,
    `ranked AS (SELECT *, row_number() ${w} AS rk, count(*) ${w} AS cnt, min(ttc) ${w} AS lo, max(ttc) ${w} AS hi FROM fan)`,
  ];
}

/**
 * One pass over the ranked persons, fanned out to the row kinds: c(ounts per breakdown, period
 * and steps reached), r(anks: the time at min, median, p90, max), h(istogram bins), p(ersons).
 * (A CTE read twice would run twice on ClickHouse, so nothing here reads one twice.)
 */
function outputs({ d, spec }: FunnelSqlContext, bucket: string | undefined): string {
  const buckets = spec.histogramBuckets ?? DEFAULT_HISTOGRAM_BUCKETS;
  // The ranks of convertRanks. This and the kinds' CASE below keep AND/OR over ranked's
  // columns few: ClickHouse's logical-expression pass walks the whole chain of CTEs behind each
  // such column, which was a third of the funnel's planning time.
  const wanted = 'r.rk IN (1, r.cnt, floor((r.cnt - 1) / 2) + 1, floor(9 * (r.cnt - 1) / 10) + 1)';
  const bin = `CAST(floor((r.ttc - r.lo) / greatest(1, ceil((r.hi - r.lo + 1) / ${buckets}))) AS BIGINT)`;
  const kinds = ["'c'", "'r'", "'h'", ...(spec.personsAt ? ["'p'"] : [])];
  const persons = spec.personsAt ? personsWanted(d, spec.personsAt, bucket) : 'false';
  return `, emit AS (SELECT r.kind AS e_kind, r.g AS e_g,
      CASE WHEN r.kind = 'c' THEN r.bd WHEN r.kind = 'p' THEN NULL ELSE r.gbd END AS e_bd,
      CASE WHEN r.kind = 'c' THEN r.bk END AS e_bk,
      CASE WHEN r.kind = 'c' THEN CAST(r.reach AS BIGINT) WHEN r.kind = 'r' THEN CAST(r.rk AS BIGINT) WHEN r.kind = 'h' THEN ${bin} END AS e_a,
      CASE WHEN r.kind = 'p' THEN r.pid END AS e_pid,
      CASE WHEN r.kind = 'r' THEN r.ttc END AS e_v
    FROM (SELECT *, ${d.fanOut(kinds)} AS kind FROM ranked) AS r
    WHERE CASE WHEN r.kind = 'c' THEN r.g = 0 WHEN r.kind = 'r' THEN r.conv = 1 AND ${wanted}
      WHEN r.kind = 'h' THEN r.conv = 1 WHEN r.kind = 'p' THEN r.g = 0 AND ${persons} ELSE false END)
  SELECT e_kind AS kind, e_g AS g, e_bd AS bd, e_bk AS bk, e_a AS a, CAST(CASE WHEN e_kind = 'r' THEN max(e_v) ELSE count(*) END AS BIGINT) AS b, e_pid AS pid
  FROM emit GROUP BY e_kind, e_g, e_bd, e_bk, e_a, e_pid`;
}

/** Whether a ranked person is one `personsAt` lists: by steps reached, and in its breakdown group and period when it names them. */
function personsWanted(d: SqlDialect, at: NonNullable<FunnelSpec['personsAt']>, bucket: string | undefined): string {
  const conditions = [at.outcome === 'converted' ? `r.reach > ${at.step}` : `r.reach = ${at.step}`];
  if (at.breakdown !== undefined) conditions.push(textIs(d, 'r.bd', at.breakdown));
  if (bucket !== undefined) conditions.push(`r.bk = ${d.string(bucket)}`);
  return conditions.join(' AND ');
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toAggregates(spec: FunnelSpec, rows: readonly Readonly<Record<string, unknown>>[]): FunnelAggregates {
  const agg: { counts: FunnelAggregates['counts'][number][]; ranks: FunnelAggregates['ranks'][number][]; bins: FunnelAggregates['bins'][number][]; persons: string[] } = {
    counts: [],
    ranks: [],
    bins: [],
    persons: [],
  };
  for (const row of rows) {
    const group = Number(row['g']) === 0 ? 'all' : 'breakdown';
    const breakdown = str(row['bd']);
    const a = Number(row['a']);
    const b = Number(row['b']);
    switch (row['kind']) {
      case 'c':
        agg.counts.push({ breakdown, bucket: str(row['bk']), reached: a, persons: b });
        break;
      case 'r':
        agg.ranks.push({ group, breakdown, rank: a, ms: b });
        break;
      case 'h':
        agg.bins.push({ group, breakdown, bin: a, persons: b });
        break;
      case 'p':
        agg.persons.push(String(row['pid']));
        break;
    }
  }
  return { ...agg, persons: spec.personsAt ? agg.persons : null };
}
