import { readRange, type AnalysisRange } from '../analysis-range.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import { compileMatcher } from '../sql/compile-matcher.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import { DEFAULT_HISTOGRAM_BUCKETS, shapeFunnel, type FunnelAggregates, type FunnelResult } from './funnel.shape.ts';
import { breakdownPath, windowMs, type FunnelSpec } from './funnel.spec.ts';

/**
 * The funnel as one SQL query for a dialect, meaning exactly what `funnelReference` computes.
 *
 * Plan: read the events of [from, to + window) once, flag the steps and exclusions each matches,
 * number each person's events by (timestamp, seq); then, with window functions over each
 * person's events (partitioned by hold-constant values too), find every attempt's step events:
 * - `ordered`: one pass per step, from the last back to the first: a row seen as step k takes
 *   the chain of the first later step-(k+1) row (`lastNonNull` over the rows after it);
 * - `strict`: `lead(…, k)`: step k must be the k-th next event;
 * - `any`: the first event of each step at or after the row.
 * Each person keeps the attempt that got furthest (the earliest on ties); the query ends with
 * counts per (breakdown, period, steps reached), the times to convert at the ranks the result
 * needs, histogram bins and, on request, person ids. Rates are computed in JS (`shapeFunnel`).
 */
export function compileFunnel(d: SqlDialect, spec: FunnelSpec, projectId: string, defaultTimeZone = 'UTC'): CompiledAnalysis<FunnelResult> {
  const range = readRange(spec, defaultTimeZone);
  return {
    queries: [funnelSql(d, spec, projectId, range)],
    shape: (results) => shapeFunnel(spec, range, toAggregates(spec, results[0] ?? [])),
  };
}

const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
const range0 = (n: number) => Array.from({ length: n }, (_, i) => i);

function funnelSql(d: SqlDialect, spec: FunnelSpec, projectId: string, range: AnalysisRange): string {
  const n = spec.steps.length;
  const win = windowMs(spec);
  const exclusions = spec.exclusions ?? [];
  const holds = spec.holdConstant ?? [];
  const text = (path: string) => (path === '$channel' ? 'channel' : d.propertyText(path));
  const path = breakdownPath(spec);
  const columns = [
    'person_id AS pid',
    `${d.epochMs()} AS ts`,
    'seq AS sq',
    ...spec.steps.map((s, k) => `${flag(compileMatcher(d, s))} AS m${k}`),
    ...exclusions.map((x, j) => `${flag(compileMatcher(d, x.matcher))} AS x${j}`),
    ...holds.map((p, i) => `${text(p)} AS h${i}`),
    `${path === null ? 'NULL' : text(path)} AS bd`,
    `${spec.interval ? d.bucket(spec.interval, range.timeZone) : 'NULL'} AS bk`,
  ];
  const ctes: string[] = [
    `base AS (SELECT ${columns.join(', ')} FROM events_resolved
      WHERE project_id = ${d.string(projectId)} AND timestamp >= ${d.timestamp(range.from)} AND timestamp < ${d.timestamp(range.to + win)})`,
  ];
  const ctx: Ctx = { d, spec, n, win, to: range.to, part: ['pid', ...holds.map((_, i) => `h${i}`)].join(', ') };
  if (spec.order === 'strict') ctes.push(...strictAttempts(ctx));
  else ctes.push(...numbered(ctx), ...(spec.order === 'ordered' ? orderedAttempts(ctx) : anyAttempts(ctx)));
  ctes.push(...tail(ctx));
  return `WITH ${ctes.join(',\n')}\n${outputs(ctx)}`;
}

interface Ctx {
  readonly d: SqlDialect;
  readonly spec: FunnelSpec;
  readonly n: number;
  readonly win: number;
  readonly to: number;
  /** Window partition: the person, and the values held constant. */
  readonly part: string;
}

const AFTER = 'ORDER BY rn DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';
const FROM_HERE = 'ORDER BY rn DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';

/** Only events that match a step or an exclusion, numbered per person; `nx{j}`: the next exclusion j event. */
function numbered({ spec, n }: Ctx): string[] {
  const xs = (spec.exclusions ?? []).map((_, j) => `x${j}`);
  const relevant = [...range0(n).map((k) => `m${k}`), ...xs].join(' + ');
  const next = xs.map((x, j) => `, coalesce(min(CASE WHEN ${x} = 1 THEN rn END) OVER (PARTITION BY pid ${AFTER}), 0) AS nx${j}`).join('');
  return [
    `num AS (SELECT *, CAST(row_number() OVER (PARTITION BY pid ORDER BY ts, sq) AS BIGINT) AS rn FROM base WHERE ${relevant} > 0)`,
    `ex AS (SELECT *${next} FROM num)`,
  ];
}

/**
 * Level k (from n-2 down to 0) gives every row, seen as a step-k event, its greedy chain:
 * `r{k}_{j}` / `t{k}_{j}` the row number and time of its step-j event (0: none), and `a{k}_{x}`
 * the next exclusion-x event after the chain's afterStep event (for afterStep > k).
 */
function orderedAttempts({ d, spec, n, win, to, part }: Ctx): string[] {
  const exclusions = spec.exclusions ?? [];
  const ctes: string[] = [];
  let from = 'ex';
  for (let k = n - 2; k >= 0; k--) {
    const next = `m${k + 1}`;
    const fetch = (value: string, alias: string) => `coalesce(${d.lastNonNull(`CASE WHEN ${next} = 1 THEN ${value} END`)} OVER (PARTITION BY ${part} ${AFTER}), 0) AS ${alias}`;
    const cols: string[] = [];
    for (let j = k + 1; j < n; j++) {
      cols.push(fetch(j === k + 1 ? 'rn' : `r${k + 1}_${j}`, `r${k}_${j}`), fetch(j === k + 1 ? 'ts' : `t${k + 1}_${j}`, `t${k}_${j}`));
    }
    for (const [x, e] of exclusions.entries()) {
      if (e.afterStep > k) cols.push(fetch(e.afterStep === k + 1 ? `nx${x}` : `a${k + 1}_${x}`, `a${k}_${x}`));
    }
    ctes.push(`lv${k} AS (SELECT *, ${cols.join(', ')} FROM ${from})`);
    from = `lv${k}`;
  }
  const within = (j: number) => `r0_${j} > 0 AND t0_${j} <= ts + ${win}`;
  const reach = ['1', ...range0(n).slice(1).map((j) => flag(within(j)))].join(' + ');
  const spoiled = exclusions.map((e, x) => {
    const next = e.afterStep === 0 ? `nx${x}` : `a0_${x}`;
    return `(${within(e.beforeStep)} AND ${next} > 0 AND ${next} < r0_${e.beforeStep})`;
  });
  ctes.push(`cand AS (SELECT pid, ts, sq, bd, bk, ${reach} AS reach, t0_${n - 1} - ts AS ttc, ${flag(spoiled.join(' OR ') || 'false')} AS spoiled
    FROM lv0 WHERE m0 = 1 AND ts < ${to})`);
  return ctes;
}

/**
 * Step k is the k-th next event of the person (of any name). Only step events can lie between
 * two steps, so an exclusion applies when one of the steps between its afterStep and beforeStep matches it.
 */
function strictAttempts({ spec, n, win, to }: Ctx): string[] {
  const holds = spec.holdConstant ?? [];
  const w = 'OVER (PARTITION BY pid ORDER BY ts, sq)';
  const leads = range0(n)
    .slice(1)
    .flatMap((k) => [`coalesce(lead(m${k}, ${k}) ${w}, 0) AS lm${k}`, `lead(ts, ${k}) ${w} AS lt${k}`, ...holds.map((_, i) => `lead(h${i}, ${k}) ${w} AS lh${k}_${i}`)]);
  const ok = (k: number) =>
    flag([`lm${k} = 1`, `lt${k} <= ts + ${win}`, ...holds.map((_, i) => `(lh${k}_${i} = h${i} OR (lh${k}_${i} IS NULL AND h${i} IS NULL))`)].join(' AND '));
  const reach = `CASE ${range0(n)
    .slice(1)
    .map((k) => `WHEN ${ok(k)} = 0 THEN ${k}`)
    .join(' ')} ELSE ${n} END`;
  const spoiled = (spec.exclusions ?? []).flatMap((e, x) => {
    const between = range0(e.beforeStep).slice(e.afterStep + 1);
    if (between.length === 0) return [];
    leads.push(...between.map((k) => `coalesce(lead(x${x}, ${k}) ${w}, 0) AS lx${k}_${x}`));
    return [`(${ok(e.beforeStep)} = 1 AND ${range0(e.beforeStep).slice(1).map((k) => `${ok(k)} = 1`).join(' AND ') || 'true'} AND (${between.map((k) => `lx${k}_${x} = 1`).join(' OR ')}))`];
  });
  return [
    `seqs AS (SELECT *, ${leads.join(', ')} FROM base)`,
    `cand AS (SELECT pid, ts, sq, bd, bk, ${reach} AS reach, lt${n - 1} - ts AS ttc, ${flag(spoiled.join(' OR ') || 'false')} AS spoiled
      FROM seqs WHERE m0 = 1 AND ts < ${to})`,
  ];
}

/** From a row matching any step: each step's first event at or after it (`f{k}` row, `ft{k}` time). */
function anyAttempts({ spec, n, win, to, part }: Ctx): string[] {
  const w = `OVER (PARTITION BY ${part} ${FROM_HERE})`;
  const firsts = range0(n).flatMap((k) => [
    `coalesce(min(CASE WHEN m${k} = 1 THEN rn END) ${w}, 0) AS f${k}`,
    `coalesce(min(CASE WHEN m${k} = 1 THEN ts END) ${w}, 0) AS ft${k}`,
  ]);
  const covered = (k: number) => `f${k} > 0 AND ft${k} <= ts + ${win}`;
  const complete = range0(n).map(covered).join(' AND ');
  const last = `greatest(${range0(n).map((k) => `f${k}`).join(', ')})`;
  const spoiled = (spec.exclusions ?? []).map((_, x) => `(${complete} AND nx${x} > 0 AND nx${x} < ${last})`);
  return [
    `firsts AS (SELECT *, ${firsts.join(', ')} FROM ex)`,
    `cand AS (SELECT pid, ts, sq, bd, bk, ${range0(n).map((k) => flag(covered(k))).join(' + ')} AS reach,
      greatest(${range0(n).map((k) => `ft${k}`).join(', ')}) - ts AS ttc, ${flag(spoiled.join(' OR ') || 'false')} AS spoiled
      FROM firsts WHERE ${range0(n).map((k) => `m${k}`).join(' + ')} > 0 AND ts < ${to})`,
  ];
}

/**
 * The attempt each person keeps, then every person once per group (g 0: all; g 1: their
 * breakdown value), with converters ranked by time to convert within the group.
 */
function tail({ spec, n }: Ctx): string[] {
  const groups = spec.breakdown ? '(SELECT 0 AS g UNION ALL SELECT 1 AS g)' : '(SELECT 0 AS g)';
  const w = 'PARTITION BY g, gbd, conv';
  return [
    `best AS (SELECT pid, bd, bk, reach, ttc, row_number() OVER (PARTITION BY pid ORDER BY reach DESC, ts, sq) AS pick FROM cand WHERE spoiled = 0)`,
    `per AS (SELECT pid, bd, bk, reach, ttc FROM best WHERE pick = 1)`,
    `fan AS (SELECT p.pid AS pid, p.bd AS bd, p.bk AS bk, p.reach AS reach, p.ttc AS ttc, gs.g AS g, CASE WHEN gs.g = 0 THEN NULL ELSE p.bd END AS gbd,
      ${flag(`p.reach = ${n}`)} AS conv FROM per p CROSS JOIN ${groups} gs)`,
    `ranked AS (SELECT *, row_number() OVER (${w} ORDER BY ttc) AS rk, count(*) OVER (${w}) AS cnt, min(ttc) OVER (${w}) AS lo, max(ttc) OVER (${w}) AS hi FROM fan)`,
  ];
}

/**
 * One pass over the ranked persons, fanned out to the row kinds: c(ounts per breakdown, period
 * and steps reached), r(anks: the time at min, median, p90, max), h(istogram bins), p(ersons).
 * (A CTE read twice would run twice on ClickHouse, so nothing here reads one twice.)
 */
function outputs({ spec }: Ctx): string {
  const buckets = spec.histogramBuckets ?? DEFAULT_HISTOGRAM_BUCKETS;
  // The ranks of convertRanks without division: rk = floor((cnt - 1) / 2) + 1 and rk = floor(9 (cnt - 1) / 10) + 1.
  const wanted = 'r.rk = 1 OR r.rk = r.cnt OR (2 * r.rk - 1 <= r.cnt AND r.cnt <= 2 * r.rk) OR (10 * r.rk - 1 <= 9 * r.cnt AND 9 * r.cnt < 10 * r.rk + 9)';
  const bin = `CAST(floor((r.ttc - r.lo) / greatest(1, ceil((r.hi - r.lo + 1) / ${buckets}))) AS BIGINT)`;
  const kinds = ["'c'", "'r'", "'h'", ...(spec.personsAt ? ["'p'"] : [])].map((k) => `SELECT ${k} AS kind`).join(' UNION ALL ');
  const persons = !spec.personsAt ? 'false' : spec.personsAt.outcome === 'converted' ? `r.reach > ${spec.personsAt.step}` : `r.reach = ${spec.personsAt.step}`;
  return `, emit AS (SELECT k.kind AS e_kind, r.g AS e_g,
      CASE WHEN k.kind = 'c' THEN r.bd WHEN k.kind = 'p' THEN NULL ELSE r.gbd END AS e_bd,
      CASE WHEN k.kind = 'c' THEN r.bk END AS e_bk,
      CASE WHEN k.kind = 'c' THEN CAST(r.reach AS BIGINT) WHEN k.kind = 'r' THEN CAST(r.rk AS BIGINT) WHEN k.kind = 'h' THEN ${bin} END AS e_a,
      CASE WHEN k.kind = 'p' THEN r.pid END AS e_pid,
      CASE WHEN k.kind = 'r' THEN r.ttc END AS e_v
    FROM ranked r CROSS JOIN (${kinds}) k
    WHERE (k.kind = 'c' AND r.g = 0) OR (k.kind = 'r' AND r.conv = 1 AND (${wanted}))
      OR (k.kind = 'h' AND r.conv = 1) OR (k.kind = 'p' AND r.g = 0 AND ${persons}))
  SELECT e_kind AS kind, e_g AS g, e_bd AS bd, e_bk AS bk, e_a AS a, CAST(CASE WHEN e_kind = 'r' THEN max(e_v) ELSE count(*) END AS BIGINT) AS b, e_pid AS pid
  FROM emit GROUP BY e_kind, e_g, e_bd, e_bk, e_a, e_pid`;
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
