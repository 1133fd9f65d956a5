import { readRange } from '../analysis-range.ts';
import { periodBounds, periodWindow } from '../calendar-periods.ts';
import { periodNumberSql } from '../sql/period-number-sql.ts';
import { compileMatcher } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import { lifecycleResult } from './lifecycle.reference.ts';
import { LIFECYCLE_STATUSES, type LifecycleResult, type LifecycleSpec, type LifecycleStatus } from './lifecycle.spec.ts';

/**
 * Lifecycle as one query for any dialect: the distinct active periods per person in one pass,
 * then each active period looks at the person's previous and next active period (window
 * frames of one row) to classify it, and to mark the period after it dormant when it is not active.
 *
 * @example
 * const { queries, shape } = compileLifecycle(CLICKHOUSE_DIALECT, spec, 'proj_1');
 */
export function compileLifecycle(d: SqlDialect, spec: LifecycleSpec, projectId: string, defaultTimeZone = 'UTC'): CompiledAnalysis<LifecycleResult> {
  const range = readRange(spec, defaultTimeZone);
  const window = periodWindow(range, spec.interval);
  // "New" needs all earlier history, but only whether it is before the period preceding the
  // window; nothing after the last period matters.
  const { lower, upper } = periodBounds(window.first - 1, window.last, spec.interval);
  const pn = `CASE WHEN timestamp < ${d.timestamp(lower)} THEN ${window.first - 2} ELSE ${periodNumberSql(d, spec.interval, range.timeZone, lower, upper)} END`;
  // Counts and sums over a one-row frame rather than lag/lead: empty frames give 0 on both engines.
  const frame = (rows: string) => `OVER (PARTITION BY person_id ORDER BY pn ROWS BETWEEN ${rows})`;
  const sql = `WITH active AS (
    SELECT person_id, pn FROM (
      SELECT person_id, ${pn} AS pn
      FROM events_resolved
      WHERE project_id = ${d.string(projectId)} AND timestamp < ${d.timestamp(upper)} AND ${compileMatcher(d, spec.matcher)}
    ) t
    WHERE pn <= ${window.last}
    GROUP BY person_id, pn
  ), linked AS (
    SELECT pn,
      count(*) ${frame('1 PRECEDING AND 1 PRECEDING')} AS has_prev, sum(pn) ${frame('1 PRECEDING AND 1 PRECEDING')} AS prev_pn,
      count(*) ${frame('1 FOLLOWING AND 1 FOLLOWING')} AS has_next, sum(pn) ${frame('1 FOLLOWING AND 1 FOLLOWING')} AS next_pn
    FROM active
  )
  SELECT period, status, count(*) AS persons FROM (
    SELECT pn AS period, CASE WHEN has_prev = 0 THEN 'new' WHEN prev_pn = pn - 1 THEN 'returning' ELSE 'resurrecting' END AS status
    FROM linked WHERE pn >= ${window.first}
    UNION ALL
    SELECT pn + 1 AS period, 'dormant' AS status
    FROM linked WHERE pn + 1 >= ${window.first} AND pn + 1 <= ${window.last} AND (has_next = 0 OR next_pn > pn + 1)
  ) s
  GROUP BY period, status`;
  return {
    queries: [sql],
    shape([rows = []]) {
      const counts = window.labels.map(() => ({ new: 0, returning: 0, resurrecting: 0, dormant: 0 }));
      for (const row of rows) {
        const status = row['status'] as LifecycleStatus;
        if (!LIFECYCLE_STATUSES.includes(status)) throw new Error(`lifecycle: unexpected status ${String(status)}`);
        counts[Number(row['period']) - window.first]![status] = Number(row['persons']);
      }
      return lifecycleResult(spec, window, counts);
    },
  };
}
