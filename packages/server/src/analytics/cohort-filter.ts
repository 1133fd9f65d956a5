import { countedPersons, minuteOf, segmentPersonsSql, type CompiledAnalysis, type SegmentResult, type SegmentSpec, type SqlDialect } from '@waymark/core';
import type { Cohort } from '../stores/state/state-store.ts';

/**
 * The SQL predicate on `person_id` that restricts an analysis to a cohort: a fixed list of
 * persons (its member set in the event store, each as the person they are now), or a segment
 * evaluated at `asOf` (a minute boundary, so answers cache for a minute).
 */
export function cohortPredicate(d: SqlDialect, cohort: Cohort, asOf: number): string {
  const def = cohort.definition;
  if (def.kind === 'segment') return `person_id IN (${segmentAt(d, cohort, asOf)})`;
  if ('members' in def) return `person_id IN (SELECT person_id FROM member_sets_resolved WHERE project_id = ${d.string(cohort.projectId)} AND member_set = ${d.string(def.members)})`;
  return def.persons.length === 0 ? 'false' : `person_id IN (${def.persons.map((p) => d.string(p)).join(', ')})`;
}

/** `SELECT person_id ...` of a cohort's persons with events at `asOf`, each once. */
export function cohortMembers(d: SqlDialect, cohort: Cohort, asOf: number): string {
  if (cohort.definition.kind === 'segment') return segmentAt(d, cohort, asOf);
  return `SELECT DISTINCT person_id FROM events_resolved WHERE project_id = ${d.string(cohort.projectId)} AND ${cohortPredicate(d, cohort, asOf)}`;
}

/** A cohort's persons with events at `asOf`: how many, and the first `limit` by id. */
export const cohortPersons = (d: SqlDialect, cohort: Cohort, asOf: number, limit: number): CompiledAnalysis<SegmentResult> => countedPersons(cohortMembers(d, cohort, asOf), limit);

const segmentAt = (d: SqlDialect, cohort: Cohort, asOf: number) =>
  segmentPersonsSql(d, { ...cohort.definition, asOf: new Date(minuteOf(asOf)).toISOString() } as SegmentSpec, cohort.projectId);

/** Wraps every read of events in compiled analysis SQL so it only sees the cohort's persons. */
const restrictTo = (sql: string, predicate: string) => sql.replace(/\bevents_resolved\b/g, `(SELECT * FROM events_resolved WHERE ${predicate})`);

/** A compiled analysis whose reads see only the persons `predicate` admits (undefined: everyone). */
export const restrictCompiled = <R>(compiled: CompiledAnalysis<R>, predicate: string | undefined): CompiledAnalysis<R> =>
  predicate === undefined ? compiled : { ...compiled, queries: compiled.queries.map((sql) => restrictTo(sql, predicate)) };
