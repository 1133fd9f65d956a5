import { parseIsoTimestamp } from '../../events/parse-timestamp.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import { compileCondition, compileSelector } from '../sql/compile-matcher.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import { isMember } from './segment.reference.ts';
import type { SegmentCondition, SegmentResult, SegmentSpec } from './segment.spec.ts';

const DAY = 86_400_000;

/**
 * A segment as SQL for one dialect, in one pass over each person's events up to `asOf`: a
 * counter per behaviour condition and, per trait condition, the properties of the person's
 * latest `$identify` carrying the trait.
 */
export function compileSegment(d: SqlDialect, spec: SegmentSpec, projectId: string): CompiledAnalysis<SegmentResult> {
  return countedPersons(segmentPersonsSql(d, spec, projectId), spec.limit ?? 100);
}

/**
 * How many persons `SELECT person_id ...` (`members`) finds, and the first `limit` of them by id,
 * in one query that finds them once: each row carries the count (none without members; only the
 * count when `limit` is 0).
 */
export function countedPersons(members: string, limit: number): CompiledAnalysis<SegmentResult> {
  const query = limit === 0 ? `SELECT count(*) AS total FROM (${members}) members` : `SELECT person_id, count(*) OVER () AS total FROM (${members}) members ORDER BY person_id LIMIT ${limit}`;
  return {
    queries: [query],
    shape([rows = []]) {
      return { count: Number(rows[0]?.['total'] ?? 0), persons: limit === 0 ? [] : rows.map((r) => String(r['person_id'])) };
    },
  };
}

/** `SELECT person_id ...` of every member of a segment: also the filter of analyses restricted to a cohort. */
export function segmentPersonsSql(d: SqlDialect, spec: Omit<SegmentSpec, 'kind' | 'limit'>, projectId: string): string {
  const asOf = parseIsoTimestamp(spec.asOf)!;
  const conditions = [...(spec.all ?? []), ...(spec.any ?? []), ...(spec.none ?? [])];
  const columns = conditions.map((c, i) => `${aggregate(d, c, asOf)} AS c${i}`);
  const tests = conditions.map((c, i) => test(d, c, `c${i}`));
  let at = 0;
  const take = (n: number) => tests.slice(at, (at += n));
  const all = take(spec.all?.length ?? 0);
  const any = take(spec.any?.length ?? 0);
  const none = take(spec.none?.length ?? 0);
  const where = [...all, ...(any.length > 0 ? [`(${any.join(' OR ')})`] : []), ...none.map((t) => `NOT (${t})`)].join(' AND ');
  return `SELECT person_id FROM (
      SELECT person_id, ${columns.join(', ')}
      FROM events_resolved WHERE project_id = ${d.string(projectId)} AND timestamp <= ${d.timestamp(asOf)}${relevantRows(d, spec, conditions, asOf)}
      GROUP BY person_id
    ) per_person
    WHERE ${where}`;
}

/**
 * When no person is a member without an event some condition counts (what the reference says of
 * a person with none), only those events need reading: each behaviour's matching events in its
 * window, and identify calls for the traits. Reading only them is several times faster than
 * grouping every event of every person; segments that admit persons without such events (only
 * "did not do", "did at most n times" from 0, a trait not set) still read everything.
 */
function relevantRows(d: SqlDialect, spec: Pick<SegmentSpec, 'all' | 'any' | 'none'>, conditions: readonly SegmentCondition[], asOf: number): string {
  if (isMember(spec, [], asOf)) return '';
  const behaviours = conditions.filter((c) => c.type === 'behavior');
  const reads = behaviours.map((c) => `(${compileSelector(d, c.matcher)}${since(d, c, asOf)})`);
  if (behaviours.length < conditions.length) return ` AND (${[...reads, `event = '$identify'`].join(' OR ')})`;
  // Without traits, nothing before the widest window is read: a bound the engine can skip blocks by.
  const widest = behaviours.every((c) => c.withinDays !== undefined) ? ` AND timestamp > ${d.timestamp(asOf - Math.max(...behaviours.map((c) => c.withinDays!)) * DAY)}` : '';
  return `${widest} AND (${reads.join(' OR ')})`;
}

const since = (d: SqlDialect, c: { withinDays?: number | undefined }, asOf: number) => (c.withinDays === undefined ? '' : ` AND timestamp > ${d.timestamp(asOf - c.withinDays * DAY)}`);

function aggregate(d: SqlDialect, c: SegmentCondition, asOf: number): string {
  if (c.type === 'trait') {
    const path = c.condition.property;
    const carries = compileCondition(d, { property: path, op: 'exists' });
    return d.latestProperties(`event = '$identify' AND ${carries}`);
  }
  return `sum(CASE WHEN ${compileSelector(d, c.matcher)}${since(d, c, asOf)} THEN 1 ELSE 0 END)`;
}

function test(d: SqlDialect, c: SegmentCondition, column: string): string {
  if (c.type === 'trait') return compileCondition(d, c.condition, column);
  return `${column} >= ${c.min ?? 1}${c.max === undefined ? '' : ` AND ${column} <= ${c.max}`}`;
}
