import { readRange } from '../analysis-range.ts';
import { compileMatcher } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import type { CompiledAnalysis } from '../trends/trends.sql.ts';
import { retentionResult } from './retention.reference.ts';
import { periodBounds, periodLabel, periodNumber, periodWindow, type CalendarInterval, type RetentionResult, type RetentionSpec } from './retention.spec.ts';

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
  const { lower, upper } = periodBounds(first, last + n, spec.interval);
  const pn = `CASE WHEN timestamp < ${d.timestamp(lower)} THEN ${first - 1} ELSE ${periodNumberSql(d, spec.interval, range.timeZone, lower, upper)} END`;
  const masks = Math.ceil((last - first + n + 1) / MASK_BITS);
  // ClickHouse evaluates THEN branches for every row: the shift is clamped to stay valid.
  const maskColumns = Array.from({ length: masks }, (_, j) => {
    const base = first + j * MASK_BITS;
    return `${d.bitOrAgg(`CASE WHEN is_return AND pn >= ${base} AND pn < ${base + MASK_BITS} THEN ${d.powerOfTwo(`greatest(0, least(${MASK_BITS - 1}, pn - (${base})))`)} ELSE 0 END`)} AS m${j}`;
  });
  // Bit q = cohort - first + k of the masks: in mask q / 62, at q % 62.
  const returned = Array.from({ length: n + 1 }, (_, k) => {
    const q = `(cohort - (${first - k}))`;
    const mask = masks === 1 ? 'm0' : `CASE ${Array.from({ length: masks - 1 }, (_, j) => `WHEN ${q} < ${(j + 1) * MASK_BITS} THEN m${j}`).join(' ')} ELSE m${masks - 1} END`;
    return `sum(${d.bitTest(mask, `${q} % ${MASK_BITS}`)}) AS r${k}`;
  });
  const sql = `WITH matched AS (
    SELECT person_id, ${pn} AS pn, (${compileMatcher(d, spec.cohortEvent)}) AS is_cohort, (${compileMatcher(d, spec.returnEvent)}) AS is_return
    FROM events_resolved
    WHERE project_id = ${d.string(projectId)} AND timestamp < ${d.timestamp(upper)}
  ), per_person AS (
    SELECT min(CASE WHEN is_cohort THEN pn END) AS cohort, ${maskColumns.join(', ')}
    FROM matched
    WHERE is_cohort OR is_return
    GROUP BY person_id
  )
  SELECT cohort, count(*) AS size, ${returned.join(', ')}
  FROM per_person
  WHERE cohort >= ${first} AND cohort <= ${last}
  GROUP BY cohort`;
  return {
    queries: [sql],
    shape([rows = []]) {
      const counts = labels.map(() => ({ size: 0, returned: new Array<number>(n + 1).fill(0) }));
      for (const row of rows) {
        const cohort = counts[Number(row['cohort']) - first]!;
        cohort.size = Number(row['size']);
        for (let k = 0; k <= n; k++) cohort.returned[k] = Number(row[`r${k}`]);
      }
      return retentionResult(spec, labels, counts);
    },
  };
}

const DAY_MS = 86_400_000;

/**
 * SQL for the period number (SqlDialect `periodNumber`) of `timestamp`, computed by arithmetic
 * for instants in [from, to) (epoch milliseconds plus the time zone's UTC offset, which this
 * function looks up for that stretch) and by the dialect's time-zone functions outside it.
 * Equal to `d.periodNumber` everywhere; several times cheaper on DuckDB, whose time-zone
 * conversion dominates these queries otherwise.
 */
export function periodNumberSql(d: SqlDialect, interval: CalendarInterval, timeZone: string, from: number, to: number): string {
  const changes = offsetChanges(timeZone, from, to);
  const offset =
    changes.length === 1
      ? `${changes[0]!.offset}`
      : `CASE ${changes.slice(1).map((c, i) => `WHEN timestamp < ${d.timestamp(c.at)} THEN ${changes[i]!.offset}`).join(' ')} ELSE ${changes[changes.length - 1]!.offset} END`;
  const day = `CAST(floor((${d.epochMs()} + ${offset}) / ${DAY_MS}) AS BIGINT)`;
  let fast: string;
  if (interval === 'day') fast = day;
  else if (interval === 'week') fast = `CAST(floor((${day} - 4) / 7) AS BIGINT)`;
  else {
    // Months by their first days (day numbers): few in a query's range.
    const firstMonth = periodNumber(periodLabel(Math.floor(from / DAY_MS) - 1, 'day'), 'month');
    const lastMonth = periodNumber(periodLabel(Math.floor(to / DAY_MS) + 1, 'day'), 'month');
    const branches: string[] = [];
    for (let m = firstMonth; m < lastMonth; m++) branches.push(`WHEN ${day} < ${periodNumber(periodLabel(m + 1, 'month'), 'day')} THEN ${m}`);
    fast = branches.length === 0 ? `${lastMonth}` : `CASE ${branches.join(' ')} ELSE ${lastMonth} END`;
  }
  return `CASE WHEN timestamp >= ${d.timestamp(from)} AND timestamp < ${d.timestamp(to)} THEN ${fast} ELSE ${d.periodNumber(interval, timeZone)} END`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/** The UTC offset of a time zone at an instant, in milliseconds (whole seconds). */
function utcOffset(timeZone: string, ms: number): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    const options = { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    offsetFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', options)));
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const second = Math.floor(ms / 1000) * 1000;
  const local = new Date(0);
  local.setUTCFullYear(p['year']!, p['month']! - 1, p['day']!);
  local.setUTCHours(p['hour']!, p['minute']!, p['second']!, 0);
  return local.getTime() - second;
}

/**
 * The offsets in force over [from, to): the first from `from`, each next one from the instant it
 * starts. Offsets are sampled every 6 hours (time zones change at most a few times a year) and
 * each change is pinned to the millisecond by bisection.
 */
function offsetChanges(timeZone: string, from: number, to: number): { at: number; offset: number }[] {
  const changes = [{ at: from, offset: utcOffset(timeZone, from) }];
  const step = 6 * 3_600_000;
  for (let t = from; t < to; ) {
    const next = Math.min(t + step, to - 1);
    const before = changes[changes.length - 1]!.offset;
    const offset = utcOffset(timeZone, next);
    if (offset !== before) {
      let lo = t;
      let hi = next; // offset(lo) = before, offset(hi) != before
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (utcOffset(timeZone, mid) === before) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi, offset: utcOffset(timeZone, hi) });
      t = hi;
    } else {
      t = next === to - 1 ? to : next;
    }
  }
  return changes;
}
