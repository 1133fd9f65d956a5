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
    persons: Type.Optional(Type.Array(Type.String(), { description: 'A fixed list of person ids instead of conditions (at most 1,000,000).' })),
  },
  { additionalProperties: false, description: 'Segment conditions (as in a segment spec), or a fixed list of persons.' },
);
export type CohortInput = Static<typeof CohortInput>;

/** How many of a cohort's person ids a listing gives unless asked, and at most. */
export const DEFAULT_PERSONS = 100;
export const MAX_PERSONS = 10_000;

/** The most persons a fixed cohort holds: their ids go in the event store (a request of up to 64 MB). */
export const MAX_FIXED_PERSONS = 1_000_000;

const randomId = (prefix: string) => `${prefix}_${randomBytes(9).toString('base64url').replace(/[-_]/g, '').slice(0, 10)}`;

type SegmentDefinition = Extract<CohortDefinition, { kind: 'segment' }>;

/** A cohort's name and its conditions or fixed persons (each once) from an input of the API or the CLI, naming the bad field. */
function readInput(input: unknown): { name: string; definition: SegmentDefinition } | { name: string; persons: string[] } {
  const wrong = shapeError(CohortInput, input);
  if (wrong) throw wrong;
  const { name, persons, all, any, none } = input as CohortInput;
  if (persons) {
    const bad = persons.findIndex((p) => p.length === 0);
    if (bad >= 0) throw new WaymarkError('WM_REQUEST_INVALID', `persons[${bad}]`, 'person ids are non-empty strings');
    if (persons.length > MAX_FIXED_PERSONS) throw new WaymarkError('WM_REQUEST_INVALID', 'persons', `a fixed cohort holds at most ${MAX_FIXED_PERSONS.toLocaleString('en-US')} persons`);
    return { name, persons: [...new Set(persons)] };
  }
  const checked = validateSegmentSpec({ kind: 'segment', all, any, none, asOf: new Date(0).toISOString() });
  if (checked.kind === 'error') throw checked.error;
  const spec = checked.spec;
  return { name, definition: { kind: 'segment', ...(spec.all && { all: spec.all }), ...(spec.any && { any: spec.any }), ...(spec.none && { none: spec.none }) } };
}

/**
 * Checks an input and, for a fixed list, stores its persons as a new member set, then runs
 * `save` with the definition. The set goes again if `save` fails or finds no cohort (false),
 * so a refused change leaves nothing behind.
 */
async function withDefinition<T>(runtime: Runtime, projectId: string, input: unknown, save: (name: string, definition: CohortDefinition) => Promise<T | false>): Promise<T | false> {
  const read = readInput(input);
  if ('definition' in read) return save(read.name, read.definition);
  const members = randomId('mem');
  await runtime.events.putMemberSet(projectId, members, read.persons);
  let saved: T | false = false;
  try {
    saved = await save(read.name, { kind: 'persons', members, count: read.persons.length });
    return saved;
  } finally {
    if (saved === false) await dropSet(runtime, projectId, members);
  }
}

/** Deletes the member set of a definition no cohort names any more (legacy fixed lists and segments have none). */
async function dropMembers(runtime: Runtime, projectId: string, definition: CohortDefinition): Promise<void> {
  if (definition.kind === 'persons' && 'members' in definition) await dropSet(runtime, projectId, definition.members);
}

/** A failure to delete a set only leaves rows nothing reads, so it is logged, not thrown. */
const dropSet = (runtime: Runtime, projectId: string, members: string) =>
  runtime.events.dropMemberSet(projectId, members).catch((error: unknown) => runtime.logger.warn({ err: error, members }, 'a member set no cohort names was not deleted'));

/** Saves a new cohort of a project from an input checked here; a bad input saves nothing. */
export async function createCohort(runtime: Runtime, projectId: string, input: unknown): Promise<Cohort> {
  const created = await withDefinition(runtime, projectId, input, async (name, definition) => {
    const cohort: Cohort = { id: randomId('coh'), projectId, name, definition, createdAt: new Date().toISOString() };
    await runtime.state.createCohort(cohort);
    return cohort;
  });
  return created as Cohort;
}

/** A cohort's definition as the API and the CLI show it: a fixed list by its size. */
export type VisibleDefinition = SegmentDefinition | { readonly kind: 'persons'; readonly count: number };

/** A cohort as the API and the CLI show it. */
export interface VisibleCohort extends Pick<Cohort, 'id' | 'name' | 'createdAt'> {
  readonly definition: VisibleDefinition;
}

export const visibleCohort = (c: Cohort): VisibleCohort => ({ id: c.id, name: c.name, definition: visibleDefinition(c.definition), createdAt: c.createdAt });

const visibleDefinition = (d: CohortDefinition): VisibleDefinition => (d.kind === 'segment' ? d : { kind: 'persons', count: 'members' in d ? d.count : d.persons.length });

export const cohortNotFound = (id: string) => new WaymarkError('WM_COHORT_NOT_FOUND', 'cohort', `no cohort "${id}" in this project`);

export async function requireCohort(runtime: Runtime, projectId: string, id: string): Promise<Cohort> {
  const cohort = await runtime.state.findCohort(projectId, id);
  if (!cohort) throw cohortNotFound(id);
  return cohort;
}

export async function deleteCohort(runtime: Runtime, projectId: string, id: string): Promise<void> {
  const cohort = await requireCohort(runtime, projectId, id);
  if (!(await runtime.state.deleteCohort(projectId, id))) throw cohortNotFound(id);
  await dropMembers(runtime, projectId, cohort.definition);
}

/** A cohort's persons now, once every accepted event is visible: how many, and the first `limit` by id. */
export async function cohortPersonsNow(runtime: Runtime, cohort: Cohort, limit: number): Promise<SegmentResult> {
  await runtime.pipeline.waitVisible();
  return runCompiled(runtime.engine, cohortPersons(runtime.engine.dialect, cohort, Date.now(), limit));
}

/** Renames and redefines a saved cohort, keeping its id; the input is checked as `createCohort` checks it. */
export async function redefineCohort(runtime: Runtime, projectId: string, id: string, input: unknown): Promise<Cohort> {
  const before = await requireCohort(runtime, projectId, id);
  const updated = await withDefinition(runtime, projectId, input, (name, definition) => runtime.state.updateCohort(projectId, id, name, definition));
  if (!updated) throw cohortNotFound(id);
  await dropMembers(runtime, projectId, before.definition);
  return requireCohort(runtime, projectId, id);
}
