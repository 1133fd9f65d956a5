import { readRange } from '../analysis-range.ts';
import { periodBounds, periodWindow, type PeriodWindow } from '../calendar-periods.ts';
import { periodNumberSql } from '../sql/period-number-sql.ts';
import { compileSelector } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import { sortedPersonIds, type CompiledAnalysis } from '../compiled-analysis.ts';
import { lifecycleResult } from './lifecycle.reference.ts';
import { LIFECYCLE_STATUSES, personsPeriod, type LifecycleResult, type LifecycleSpec, type LifecycleStatus } from './lifecycle.spec.ts';

/**
 * How the SQL classifies periods; both give the same rows and run on every engine:
 * - `mask`: one aggregation per person (their first period and a bit mask of their active
 *   periods from the one before the window), then each period of the window counts persons by
 *   bit tests: no window function, no grouping per (person, period). Up to 60 periods.
 * - `window`: the distinct active periods per person, each looking at the person's previous
 *   and next active period through window frames; any number of periods.
 */
export const LIFECYCLE_PLANS = ['mask', 'window'] as const;
export type LifecyclePlan = (typeof LIFECYCLE_PLANS)[number];

/** Bits of a period mask: BIGINT masks keep clear of the sign bit. */
const MASK_BITS = 62;

/** Whether a plan computes this spec: the mask holds the window's periods and the two before it. */
export function lifecyclePlanRuns(plan: LifecyclePlan, spec: LifecycleSpec, defaultTimeZone = 'UTC'): boolean {
  if (plan === 'window') return true;
  const window = periodWindow(readRange(spec, defaultTimeZone), spec.interval);
  return window.last - window.first + 3 <= MASK_BITS;
}

/**
 * Lifecycle as one query for any dialect (and one more for `personsAt`'s persons, over the same
 * statuses): `mask` when the window is short enough, else `window` (`plan` forces one, for tests).
 *
 * @example
 * const { queries, shape } = compileLifecycle(CLICKHOUSE_DIALECT, spec, 'proj_1');
 */
export function compileLifecycle(
  d: SqlDialect,
  spec: LifecycleSpec,
  projectId: string,
  defaultTimeZone = 'UTC',
  plan: LifecyclePlan = lifecyclePlanRuns('mask', spec, defaultTimeZone) ? 'mask' : 'window',
): CompiledAnalysis<LifecycleResult> {
  if (!lifecyclePlanRuns(plan, spec, defaultTimeZone)) throw new Error(`lifecycle: the ${plan} plan cannot compute this spec`);
  const range = readRange(spec, defaultTimeZone);
  const window = periodWindow(range, spec.interval);
  // "New" needs all earlier history, but only whether it is before the period preceding the
  // window; nothing after the last period matters.
  const { lower, upper } = periodBounds(window.first - 1, window.last, spec.interval);
  const pn = `CASE WHEN timestamp < ${d.timestamp(lower)} THEN ${window.first - 2} ELSE ${periodNumberSql(d, spec.interval, range.timeZone, lower, upper)} END`;
  const matched = `SELECT person_id, ${pn} AS pn
      FROM events_resolved
      WHERE project_id = ${d.string(projectId)} AND timestamp < ${d.timestamp(upper)} AND ${compileSelector(d, spec.matcher)}`;
  const classified = (periods: readonly number[]) => (plan === 'mask' ? maskSql(d, window, matched, periods) : windowSql(window, matched));
  const all = Array.from({ length: window.last - window.first + 1 }, (_, i) => window.first + i);
  const counts = `SELECT period, status, count(*) AS persons FROM (${classified(all)}) c WHERE status IS NOT NULL GROUP BY period, status`;
  const wanted = spec.personsAt && window.first + personsPeriod(spec, window.labels);
  const persons = wanted !== undefined ? `SELECT person_id FROM (${classified([wanted])}) c WHERE period = ${wanted} AND status = ${d.string(spec.personsAt!.status)}` : null;
  return {
    queries: persons ? [counts, persons] : [counts],
    shape([rows = [], personRows = []]) {
      const counts = window.labels.map(() => ({ new: 0, returning: 0, resurrecting: 0, dormant: 0 }));
      for (const row of rows) {
        const status = row['status'] as LifecycleStatus;
        if (!LIFECYCLE_STATUSES.includes(status)) throw new Error(`lifecycle: unexpected status ${String(status)}`);
        counts[Number(row['period']) - window.first]![status] = Number(row['persons']);
      }
      return lifecycleResult(spec, window, counts, persons ? sortedPersonIds(personRows) : undefined);
    },
  };
}

/**
 * Each person's status (or NULL) in each of `periods`, as (person_id, period, status) rows. Bit
 * i of a person's mask: active in period first - 2 + i (bit 0: some period before first - 1).
 */
function maskSql(d: SqlDialect, window: PeriodWindow, matched: string, periods: readonly number[]): string {
  // Every pn is in [base, base + 61]; the clamp only keeps shifts valid where an engine
  // evaluates the expression on rows a CASE branch does not select (as retention.sql.ts does).
  const base = window.first - 2;
  const now = `${d.bitTest('m.mask', `m.period - ${base}`)} = 1`;
  const before = `${d.bitTest('m.mask', `m.period - ${base + 1}`)} = 1`;
  const status = `CASE WHEN ${now} THEN (CASE WHEN m.first_pn = m.period THEN 'new' WHEN ${before} THEN 'returning' ELSE 'resurrecting' END)
      WHEN ${before} THEN 'dormant' END`;
  return `WITH masks AS (
    SELECT person_id, min(pn) AS first_pn, ${d.bitOrAgg(d.powerOfTwo(`greatest(0, least(${MASK_BITS - 1}, pn - ${base}))`))} AS mask FROM (${matched}) t GROUP BY person_id
  )
  SELECT m.person_id AS person_id, m.period AS period, ${status} AS status
  FROM (SELECT *, ${d.fanOut(periods.map(String))} AS period FROM masks) AS m`;
}

/**
 * The distinct active periods per person in one pass, then each active period looks at the
 * person's previous and next active period (window frames of one row) to classify it, and to
 * mark the period after it dormant when it is not active: (person_id, period, status) rows.
 */
function windowSql(window: PeriodWindow, matched: string): string {
  // Counts and sums over a one-row frame rather than lag/lead: empty frames give 0 on both engines.
  const frame = (rows: string) => `OVER (PARTITION BY person_id ORDER BY pn ROWS BETWEEN ${rows})`;
  return `WITH active AS (
    SELECT person_id, pn FROM (${matched}) t
    WHERE pn <= ${window.last}
    GROUP BY person_id, pn
  ), linked AS (
    SELECT person_id, pn,
      count(*) ${frame('1 PRECEDING AND 1 PRECEDING')} AS has_prev, sum(pn) ${frame('1 PRECEDING AND 1 PRECEDING')} AS prev_pn,
      count(*) ${frame('1 FOLLOWING AND 1 FOLLOWING')} AS has_next, sum(pn) ${frame('1 FOLLOWING AND 1 FOLLOWING')} AS next_pn
    FROM active
  )
  SELECT pn AS period, CASE WHEN has_prev = 0 THEN 'new' WHEN prev_pn = pn - 1 THEN 'returning' ELSE 'resurrecting' END AS status, person_id
  FROM linked WHERE pn >= ${window.first}
  UNION ALL
  SELECT pn + 1 AS period, 'dormant' AS status, person_id
  FROM linked WHERE pn + 1 >= ${window.first} AND pn + 1 <= ${window.last} AND (has_next = 0 OR next_pn > pn + 1)`;
}
