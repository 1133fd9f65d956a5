import { countedPersons, segmentPersonsSql, validateSegmentSpec, WaymarkError, type CompiledAnalysis, type SegmentResult, type SegmentSpec, type SqlDialect } from '@waymark/core';
import type { Cohort, CohortDefinition } from '../stores/state/state-store.ts';

/**
 * The SQL predicate on `person_id` that restricts an analysis to a cohort: a fixed list of
 * persons, or a segment evaluated at `asOf` (a minute boundary, so answers cache for a minute).
 */
export function cohortPredicate(d: SqlDialect, cohort: Cohort, asOf: number): string {
  const def = cohort.definition;
  if (def.kind === 'persons') return def.persons.length === 0 ? 'false' : `person_id IN (${def.persons.map((p) => d.string(p)).join(', ')})`;
  return `person_id IN (${segmentAt(d, cohort, asOf)})`;
}

/** `SELECT person_id ...` of a cohort's persons with events at `asOf`, each once. */
export function cohortMembers(d: SqlDialect, cohort: Cohort, asOf: number): string {
  if (cohort.definition.kind === 'segment') return segmentAt(d, cohort, asOf);
  return `SELECT DISTINCT person_id FROM events_resolved WHERE project_id = ${d.string(cohort.projectId)} AND ${cohortPredicate(d, cohort, asOf)}`;
}

/** A cohort's persons with events at `asOf`: how many, and the first `limit` by id. */
export const cohortPersons = (d: SqlDialect, cohort: Cohort, asOf: number, limit: number): CompiledAnalysis<SegmentResult> => countedPersons(cohortMembers(d, cohort, asOf), limit);

const segmentAt = (d: SqlDialect, cohort: Cohort, asOf: number) =>
  segmentPersonsSql(d, { ...cohort.definition, asOf: new Date(Math.floor(asOf / 60_000) * 60_000).toISOString() } as SegmentSpec, cohort.projectId);

/** Wraps every read of events in compiled analysis SQL so it only sees the cohort's persons. */
const restrictTo = (sql: string, predicate: string) => sql.replace(/\bevents_resolved\b/g, `(SELECT * FROM events_resolved WHERE ${predicate})`);

/** A compiled analysis whose reads see only the persons `predicate` admits (undefined: everyone). */
export const restrictCompiled = <R>(compiled: CompiledAnalysis<R>, predicate: string | undefined): CompiledAnalysis<R> =>
  predicate === undefined ? compiled : { ...compiled, queries: compiled.queries.map((sql) => restrictTo(sql, predicate)) };

/** Checks a cohort definition from the API, naming the bad field. */
export function parseCohortDefinition(input: unknown): CohortDefinition {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (Array.isArray(body['persons'])) {
    const persons = body['persons'] as unknown[];
    const bad = persons.findIndex((p) => typeof p !== 'string' || p.length === 0);
    if (bad >= 0) throw new WaymarkError('WM_REQUEST_INVALID', `persons[${bad}]`, 'person ids are non-empty strings');
    if (persons.length > 100_000) throw new WaymarkError('WM_REQUEST_INVALID', 'persons', 'a fixed cohort holds at most 100,000 persons');
    return { kind: 'persons', persons: [...new Set(persons as string[])] };
  }
  const checked = validateSegmentSpec({ kind: 'segment', all: body['all'], any: body['any'], none: body['none'], asOf: new Date(0).toISOString() });
  if (checked.kind === 'error') throw checked.error;
  const { all, any, none } = checked.spec;
  return { kind: 'segment', ...(all && { all }), ...(any && { any }), ...(none && { none }) };
}
