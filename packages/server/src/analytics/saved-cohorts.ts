import { randomBytes } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { shapeError, validateSegmentSpec, WaymarkError, type SegmentResult } from '@waymark/core';
import type { Runtime } from '../runtime.ts';
import type { Cohort, CohortDefinition } from '../stores/state/state-store.ts';
import { cohortPersons } from './cohort-filter.ts';
import { runCompiled } from './engines/run-compiled.ts';

/** What saves or redefines a cohort, from the API or the CLI. */
export const CohortInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    all: Type.Optional(Type.Array(Type.Unknown())),
    any: Type.Optional(Type.Array(Type.Unknown())),
    none: Type.Optional(Type.Array(Type.Unknown())),
    persons: Type.Optional(Type.Array(Type.String(), { description: 'A fixed list of person ids instead of conditions.' })),
  },
  { additionalProperties: false, description: 'Segment conditions (as in a segment spec), or a fixed list of persons.' },
);
export type CohortInput = Static<typeof CohortInput>;

/** How many of a cohort's person ids a listing gives unless asked, and at most. */
export const DEFAULT_PERSONS = 100;
export const MAX_PERSONS = 10_000;

/** A cohort's name and definition from an input of the API or the CLI, naming the bad field. */
function readInput(input: unknown): { name: string; definition: CohortDefinition } {
  const wrong = shapeError(CohortInput, input);
  if (wrong) throw wrong;
  const { name, persons, all, any, none } = input as CohortInput;
  if (persons) {
    const bad = persons.findIndex((p) => p.length === 0);
    if (bad >= 0) throw new WaymarkError('WM_REQUEST_INVALID', `persons[${bad}]`, 'person ids are non-empty strings');
    if (persons.length > 100_000) throw new WaymarkError('WM_REQUEST_INVALID', 'persons', 'a fixed cohort holds at most 100,000 persons');
    return { name, definition: { kind: 'persons', persons: [...new Set(persons)] } };
  }
  const checked = validateSegmentSpec({ kind: 'segment', all, any, none, asOf: new Date(0).toISOString() });
  if (checked.kind === 'error') throw checked.error;
  const spec = checked.spec;
  return { name, definition: { kind: 'segment', ...(spec.all && { all: spec.all }), ...(spec.any && { any: spec.any }), ...(spec.none && { none: spec.none }) } };
}

/** A new cohort of a project from an input checked here: nothing is saved yet. */
export function newCohort(projectId: string, input: unknown): Cohort {
  return {
    id: `coh_${randomBytes(9).toString('base64url').replace(/[-_]/g, '').slice(0, 10)}`,
    projectId,
    ...readInput(input),
    createdAt: new Date().toISOString(),
  };
}

/** A cohort as the API and the CLI show it. */
export type VisibleCohort = Pick<Cohort, 'id' | 'name' | 'definition' | 'createdAt'>;
export const visibleCohort = (c: Cohort): VisibleCohort => ({ id: c.id, name: c.name, definition: c.definition, createdAt: c.createdAt });

export const cohortNotFound = (id: string) => new WaymarkError('WM_COHORT_NOT_FOUND', 'cohort', `no cohort "${id}" in this project`);

export async function requireCohort(runtime: Runtime, projectId: string, id: string): Promise<Cohort> {
  const cohort = await runtime.state.findCohort(projectId, id);
  if (!cohort) throw cohortNotFound(id);
  return cohort;
}

export async function deleteCohort(runtime: Runtime, projectId: string, id: string): Promise<void> {
  if (!(await runtime.state.deleteCohort(projectId, id))) throw cohortNotFound(id);
}

/** A cohort's persons now, once every accepted event is visible: how many, and the first `limit` by id. */
export async function cohortPersonsNow(runtime: Runtime, cohort: Cohort, limit: number): Promise<SegmentResult> {
  await runtime.pipeline.waitVisible();
  return runCompiled(runtime.engine, cohortPersons(runtime.engine.dialect, cohort, Date.now(), limit));
}

/** Renames and redefines a saved cohort, keeping its id; the input is checked as `newCohort` checks it. */
export async function redefineCohort(runtime: Runtime, projectId: string, id: string, input: unknown): Promise<Cohort> {
  const { name, definition } = readInput(input);
  if (!(await runtime.state.updateCohort(projectId, id, name, definition))) throw cohortNotFound(id);
  return requireCohort(runtime, projectId, id);
}
