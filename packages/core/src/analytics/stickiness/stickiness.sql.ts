import { readRange } from '../analysis-range.ts';
import { periodBounds, periodWindow } from '../calendar-periods.ts';
import { periodNumberSql } from '../sql/period-number-sql.ts';
import { compileSelector } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import { sortedPersonIds, type CompiledAnalysis } from '../compiled-analysis.ts';
import { emptyCounts, stickinessResult } from './stickiness.reference.ts';
import { personsPeriod, type StickinessResult, type StickinessSpec } from './stickiness.spec.ts';

/**
 * Stickiness as one query for any dialect: distinct local days per (person, period) in one
 * pass over the matching events, then persons per (period, days).
 *
 * @example
 * const { queries, shape } = compileStickiness(DUCKDB_DIALECT, spec, 'proj_1');
 */
export function compileStickiness(d: SqlDialect, spec: StickinessSpec, projectId: string, defaultTimeZone = 'UTC'): CompiledAnalysis<StickinessResult> {
  const range = readRange(spec, defaultTimeZone);
  const window = periodWindow(range, spec.interval);
  const { lower, upper } = periodBounds(window.first, window.last, spec.interval);
  const perPerson = `WITH per_person AS (
    SELECT person_id, ${periodNumberSql(d, spec.interval, range.timeZone, lower, upper)} AS pn,
      count(DISTINCT ${periodNumberSql(d, 'day', range.timeZone, lower, upper)}) AS active_days
    FROM events_resolved
    WHERE project_id = ${d.string(projectId)} AND timestamp >= ${d.timestamp(lower)} AND timestamp < ${d.timestamp(upper)} AND ${compileSelector(d, spec.matcher)}
    GROUP BY person_id, pn
  )`;
  const sql = `${perPerson}
  SELECT pn AS period, active_days, count(*) AS persons
  FROM per_person
  WHERE pn >= ${window.first} AND pn <= ${window.last}
  GROUP BY pn, active_days`;
  const days = spec.personsAt?.days;
  const persons = spec.personsAt
    ? `${perPerson} SELECT person_id FROM per_person WHERE pn = ${window.first + personsPeriod(spec, window.labels)}${days === undefined ? '' : ` AND active_days = ${days}`}`
    : null;
  return {
    queries: persons ? [sql, persons] : [sql],
    shape([rows = [], personRows = []]) {
      const counts = emptyCounts(spec, window);
      for (const row of rows) counts[Number(row['period']) - window.first]![Number(row['active_days']) - 1] = Number(row['persons']);
      return stickinessResult(spec, window, counts, persons ? sortedPersonIds(personRows) : undefined);
    },
  };
}
