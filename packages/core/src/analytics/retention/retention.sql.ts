import { readRange } from '../analysis-range.ts';
import { compileSelector } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import { sortedPersonIds, type CompiledAnalysis } from '../compiled-analysis.ts';
import { retentionResult } from './retention.reference.ts';
import { periodBounds, periodWindow } from '../calendar-periods.ts';
import { periodNumberSql } from '../sql/period-number-sql.ts';
import { personsCohort, type RetentionResult, type RetentionSpec } from './retention.spec.ts';

/** Bits of a period mask: BIGINT masks keep clear of the sign bit. */
const MASK_BITS = 62;

/**
 * Retention as one query for any dialect, with one aggregation per person: the period of their
 * first cohort event, and bit masks of the periods with a return event (from the first cohort
 * period to the last one's period N). Each cohort's row then sums bit tests: no self-join, and
 * no grouping per (person, period).
 *
 * @example
 * const { queries, shape } = compileRetention(DUCKDB_DIALECT, spec, 'proj_1');
 * const result = shape([await engine.query(queries[0])]);
 */
export function compileRetention(d: SqlDialect, spec: RetentionSpec, projectId: string, defaultTimeZone = 'UTC'): CompiledAnalysis<RetentionResult> {
  const range = readRange(spec, defaultTimeZone);
  const { first, last, labels } = periodWindow(range, spec.interval);
  const n = spec.periods;
  // Cohorts need every earlier event (first-ever), but only whether it is before the window;
  // returns matter up to the last cohort's period N.
  const orLater = spec.returning === 'onOrAfter';
  const { lower, upper } = periodBounds(first, last + n, spec.interval);
  // Counted on or after a period, returns are read up to now: one past the last cohort's period N
  // is after every period the result reports, so it is one period past them all.
  const past = orLater ? ` WHEN timestamp >= ${d.timestamp(upper)} THEN ${last + n + 1}` : '';
  const pn = `CASE WHEN timestamp < ${d.timestamp(lower)} THEN ${first - 1}${past} ELSE ${periodNumberSql(d, spec.interval, range.timeZone, lower, upper)} END`;
  const masks = Math.ceil((last - first + n + 1) / MASK_BITS);
  // ClickHouse evaluates THEN branches for every row: the shift is clamped to stay valid.
  const maskColumns = Array.from({ length: masks }, (_, j) => {
    const base = first + j * MASK_BITS;
    return `${d.bitOrAgg(`CASE WHEN is_return AND pn >= ${base} AND pn < ${base + MASK_BITS} THEN ${d.powerOfTwo(`greatest(0, least(${MASK_BITS - 1}, pn - (${base})))`)} ELSE 0 END`)} AS m${j}`;
  });
  // Whether a person came back k periods after their cohort: bit q = cohort - first + k of the
  // masks, in mask q / 62 at q % 62 (1 or 0).
  const back = (k: number) => {
    if (orLater) return `CASE WHEN last_back >= cohort + ${k} THEN 1 ELSE 0 END`;
    const q = `(cohort - (${first - k}))`;
    const mask = masks === 1 ? 'm0' : `CASE ${Array.from({ length: masks - 1 }, (_, j) => `WHEN ${q} < ${(j + 1) * MASK_BITS} THEN m${j}`).join(' ')} ELSE m${masks - 1} END`;
    return d.bitTest(mask, `${q} % ${MASK_BITS}`);
  };
  const returned = Array.from({ length: n + 1 }, (_, k) => `sum(${back(k)}) AS r${k}`);
  const perPerson = `WITH matched AS (
    SELECT person_id, ${pn} AS pn, (${compileSelector(d, spec.cohortEvent)}) AS is_cohort, (${compileSelector(d, spec.returnEvent)}) AS is_return
    FROM events_resolved
    WHERE project_id = ${d.string(projectId)}${orLater ? '' : ` AND timestamp < ${d.timestamp(upper)}`}
  ), per_person AS (
    SELECT person_id, min(CASE WHEN is_cohort THEN pn END) AS cohort, ${orLater ? 'max(CASE WHEN is_return THEN pn END) AS last_back' : maskColumns.join(', ')}
    FROM matched
    WHERE is_cohort OR is_return
    GROUP BY person_id
  )`;
  const persons = (() => {
    if (!spec.personsAt) return null;
    const { period } = spec.personsAt;
    return `${perPerson} SELECT person_id FROM per_person WHERE cohort = ${first + personsCohort(spec, labels)}${period === undefined ? '' : ` AND ${back(period)} = 1`}`;
  })();
  const sql = `${perPerson}
  SELECT cohort, count(*) AS size, ${returned.join(', ')}
  FROM per_person
  WHERE cohort >= ${first} AND cohort <= ${last}
  GROUP BY cohort`;
  return {
    queries: persons ? [sql, persons] : [sql],
    shape([rows = [], personRows = []]) {
      const counts = labels.map(() => ({ size: 0, returned: new Array<number>(n + 1).fill(0) }));
      for (const row of rows) {
        const cohort = counts[Number(row['cohort']) - first]!;
        cohort.size = Number(row['size']);
        for (let k = 0; k <= n; k++) cohort.returned[k] = Number(row[`r${k}`]);
      }
      return retentionResult(spec, labels, counts, persons ? sortedPersonIds(personRows) : undefined);
    },
  };
}

const DAY_MS = 86_400_000;
