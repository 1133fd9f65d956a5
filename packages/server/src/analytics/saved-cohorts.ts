import { randomBytes } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { isWaymarkError, shapeError, validateSegmentSpec, WaymarkError, type SegmentResult } from '@waymark/core';
import type { Runtime } from '../runtime.ts';
import type { Cohort, CohortDefinition } from '../stores/state/state-store.ts';
import { cohortPersons } from './cohort-filter.ts';
import { runCompiled } from './engines/run-compiled.ts';
import { answerRequest, type AnalysisProject } from './answer-request.ts';
import { cohortNotFound, requireCohort } from './require-cohort.ts';

/** What saves or redefines a cohort, from the API or the CLI. */
export const CohortInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    all: Type.Optional(Type.Array(Type.Unknown())),
    any: Type.Optional(Type.Array(Type.Unknown())),
    none: Type.Optional(Type.Array(Type.Unknown())),
    persons: Type.Optional(Type.Array(Type.String(), { description: 'A fixed list of person ids instead of conditions (at most 1,000,000).' })),
    from: Type.Optional(
      Type.Object(
        { kind: Type.String(), personsAt: Type.Unknown() },
        { additionalProperties: true, description: 'A fixed list read on the server: the persons behind a number, as an analysis request with "personsAt" (and "cohort", "journey", "persona" if any) answers them.' },
      ),
    ),
  },
  { additionalProperties: false, description: 'Segment conditions (as in a segment spec), or a fixed list of persons, given or read from an analysis.' },
);
export type CohortInput = Static<typeof CohortInput>;

/** How many of a cohort's person ids a listing gives unless asked, and at most. */
export const DEFAULT_PERSONS = 100;
export const MAX_PERSONS = 10_000;

/** The most persons a fixed cohort holds: their ids go in the event store (a request of up to 64 MB). */
export const MAX_FIXED_PERSONS = 1_000_000;

const randomId = (prefix: string) => `${prefix}_${randomBytes(9).toString('base64url').replace(/[-_]/g, '').slice(0, 10)}`;

type SegmentDefinition = Extract<CohortDefinition, { kind: 'segment' }>;

/** What writing a fixed list's member set needs: the stores, and where a failed clean-up is logged. */
type CohortStores = Pick<Runtime, 'state' | 'events' | 'logger'>;

type ReadInput = { name: string; definition: SegmentDefinition } | { name: string; persons: string[] } | { name: string; from: object };

/** A cohort's name and its conditions, fixed persons (each once) or the analysis that answers them, from an input of the API or the CLI, naming the bad field. */
function readInput(input: unknown): ReadInput {
  const wrong = shapeError(CohortInput, input);
  if (wrong) throw wrong;
  const { name, persons, from, all, any, none } = input as CohortInput;
  if (name.trim() === '') throw new WaymarkError('WM_REQUEST_INVALID', 'name', 'name: a cohort needs a name that is not only spaces');
  // A cohort is one of three things; conditions beside a list would be silently dropped.
  const list = from !== undefined ? 'from' : persons !== undefined ? 'persons' : null;
  if (list && [all, any, none].some((c) => c !== undefined)) throw new WaymarkError('WM_REQUEST_INVALID', list, `${list}: give conditions ("all", "any", "none"), "persons" or "from", one of them`);
  if (from) {
    if (persons) throw new WaymarkError('WM_REQUEST_INVALID', 'from', 'from: give either "persons" or "from", not both');
    return { name, from };
  }
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
async function withDefinition<T>(runtime: Runtime, project: AnalysisProject, input: unknown, save: (name: string, definition: CohortDefinition) => Promise<T | false>): Promise<T | false> {
  const read = readInput(input);
  if ('definition' in read) return save(read.name, read.definition);
  const persons = 'persons' in read ? read.persons : await analysisPersons(runtime, project, read.from);
  return withMemberSet(runtime, project.id, persons, (definition) => save(read.name, definition));
}

/** Stores `persons` as a new member set and runs `save` with the fixed list naming it; the set goes again if `save` fails or finds no cohort (false). */
async function withMemberSet<T>(runtime: CohortStores, projectId: string, persons: readonly string[], save: (definition: CohortDefinition) => Promise<T | false>): Promise<T | false> {
  const members = randomId('mem');
  await runtime.events.putMemberSet(projectId, members, persons);
  let saved: T | false = false;
  try {
    saved = await save({ kind: 'persons', members, count: persons.length });
    return saved;
  } finally {
    if (saved === false) await dropSet(runtime, projectId, members);
  }
}

/**
 * Moves each fixed list saved before member sets (its ids in its definition) into a member set,
 * so that its persons are read through merges as every other list's are. Run as soon as the
 * stores open, before the log's replay: the first flush folds merges, and a merge folded before
 * its list moved leaves the old id in the set. A list that cannot move is logged, read by its ids
 * as before, and tried again at the next start.
 */
export async function moveInlineLists(runtime: CohortStores): Promise<void> {
  for (const project of await runtime.state.listProjects()) {
    for (const cohort of await runtime.state.listCohorts(project.id)) {
      const def = cohort.definition;
      if (!('persons' in def)) continue;
      try {
        await withMemberSet(runtime, project.id, [...new Set(def.persons)], (definition) => runtime.state.updateCohort(project.id, cohort.id, cohort.name, definition));
      } catch (error) {
        runtime.logger.warn({ err: error, cohort: cohort.id }, 'a fixed list saved with its ids in its definition was not moved into a member set');
      }
    }
  }
}

/** The persons an analysis request with `personsAt` answers (as `POST /query` does, from its cache if it just did); its bad fields are named under `from`. */
async function analysisPersons(runtime: Runtime, project: AnalysisProject, from: object): Promise<readonly string[]> {
  try {
    const answer = await answerRequest(runtime, project, from);
    const persons = (answer.result as { persons?: readonly string[] | null }).persons;
    // Every kind that takes personsAt answers its persons; this guards a kind added without them.
    if (!persons) throw new WaymarkError('WM_REQUEST_INVALID', 'personsAt', `personsAt: a ${answer.kind} analysis has no persons behind its numbers; save its conditions instead`);
    if (persons.length > MAX_FIXED_PERSONS) throw new WaymarkError('WM_REQUEST_INVALID', 'personsAt', `personsAt: ${persons.length.toLocaleString('en-US')} persons, more than a fixed cohort holds (${MAX_FIXED_PERSONS.toLocaleString('en-US')})`);
    return persons;
  } catch (error) {
    // What is wrong with the request (a bad field, a cohort or map it names that does not exist) is named inside `from`.
    if (isWaymarkError(error) && error.status < 500) throw underFrom(error);
    throw error;
  }
}

/** An error of the analysis request inside `from`, its path and message prefixed: "from.interval: ...". */
function underFrom(error: WaymarkError): WaymarkError {
  if (!error.path) return new WaymarkError(error.code, 'from', `from: ${error.message}`);
  const own = error.message.startsWith(`${error.path}: `) ? error.message.slice(error.path.length + 2) : error.message;
  return new WaymarkError(error.code, `from.${error.path}`, `from.${error.path}: ${own}`);
}

/** Deletes the member set of a definition no cohort names any more (legacy fixed lists and segments have none). */
async function dropMembers(runtime: Runtime, projectId: string, definition: CohortDefinition): Promise<void> {
  if (definition.kind === 'persons' && 'members' in definition) await dropSet(runtime, projectId, definition.members);
}

/** A failure to delete a set only leaves rows nothing reads, so it is logged, not thrown. */
const dropSet = (runtime: CohortStores, projectId: string, members: string) =>
  runtime.events.dropMemberSet(projectId, members).catch((error: unknown) => runtime.logger.warn({ err: error, members }, 'a member set no cohort names was not deleted'));

/** Saves a new cohort of a project from an input checked here; a bad input saves nothing. */
export async function createCohort(runtime: Runtime, project: AnalysisProject, input: unknown): Promise<Cohort> {
  const created = await withDefinition(runtime, project, input, async (name, definition) => {
    const cohort: Cohort = { id: randomId('coh'), projectId: project.id, name, definition, createdAt: new Date().toISOString() };
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
export async function redefineCohort(runtime: Runtime, project: AnalysisProject, id: string, input: unknown): Promise<Cohort> {
  const before = await requireCohort(runtime, project.id, id);
  const updated = await withDefinition(runtime, project, input, (name, definition) => runtime.state.updateCohort(project.id, id, name, definition));
  if (!updated) throw cohortNotFound(id);
  await dropMembers(runtime, project.id, before.definition);
  return requireCohort(runtime, project.id, id);
}
