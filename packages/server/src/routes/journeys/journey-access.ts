import { personaPersonsSql, WaymarkError, type JourneyMap, type SqlDialect } from '@waymark/core';
import type { FastifyRequest } from 'fastify';
import { cohortPredicate } from '../../analytics/cohort-filter.ts';
import { authorizeRead, type Access } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { JourneyStore, type JourneyAuthor, type JourneyVersion } from '../../stores/state/journey-store.ts';
import { requireCohort } from '../../analytics/saved-cohorts.ts';

/** Who is calling, as versions and comments name them; `id` keys what they have seen. */
export async function journeyCaller(request: FastifyRequest, runtime: Runtime, project: string, need: Access) {
  const { project: found, actor } = await authorizeRead(request, runtime.projects, project, need);
  const author: JourneyAuthor = { id: `${actor.kind}:${actor.id}`, name: actor.name };
  return { project: found, author, journeys: new JourneyStore(runtime.state.db) };
}

/** A live map's version, or the typed 404 saying whether the map or the version is missing. */
export async function requireJourney(journeys: JourneyStore, projectId: string, id: string, version?: number): Promise<JourneyVersion> {
  const found = await journeys.find(projectId, id, version);
  if (found) return found;
  if (version !== undefined && (await journeys.find(projectId, id))) {
    throw new WaymarkError('WM_JOURNEY_VERSION_NOT_FOUND', 'version', `the journey map "${id}" has no version ${version}`);
  }
  throw new WaymarkError('WM_JOURNEY_NOT_FOUND', 'id', `no journey map "${id}" in this project`);
}

/** A missing journey named in a query or body is a bad parameter of that call, not a missing resource of the path. */
export const journeyParameter = (field: string) => (error: unknown) => {
  if (error instanceof WaymarkError && error.code === 'WM_JOURNEY_NOT_FOUND') throw new WaymarkError('WM_JOURNEY_NOT_FOUND', field, error.message);
  throw error;
};

/**
 * `SELECT person_id ...` of the persons a persona of the map describes (null: everyone), or the
 * 400 naming `persona` when the map has no such persona.
 */
export function personaPersons(d: SqlDialect, map: JourneyMap, personaId: string, projectId: string): string | null {
  const persona = map.personas.find((p) => p.id === personaId);
  if (!persona) {
    const known = map.personas.length > 0 ? ` (it has ${map.personas.map((p) => p.id).join(', ')})` : '';
    throw new WaymarkError('WM_REQUEST_INVALID', 'persona', `the journey map has no persona "${personaId}"${known}`);
  }
  return personaPersonsSql(d, persona.segment, projectId);
}

/**
 * The predicate on `person_id` that lets reads see only a persona of `map`, a saved cohort, or
 * the persons of both; undefined for everyone (no restriction, or a persona without conditions).
 */
export async function personsRestriction(runtime: Runtime, projectId: string, map: JourneyMap | null, only: { persona?: string | undefined; cohort?: string | undefined }): Promise<string | undefined> {
  const d = runtime.engine.dialect;
  const restrictions: string[] = [];
  if (only.persona !== undefined) {
    const persons = personaPersons(d, map!, only.persona, projectId);
    if (persons !== null) restrictions.push(`person_id IN (${persons})`);
  }
  if (only.cohort !== undefined) restrictions.push(cohortPredicate(d, await requireCohort(runtime, projectId, only.cohort), Date.now()));
  return restrictions.length > 0 ? restrictions.join(' AND ') : undefined;
}

/**
 * An analysis request split into its spec and the persons it is restricted to ("cohort",
 * "journey" and "persona" beside the spec's own fields): what `POST /query` and `waymark query` run.
 */
export async function splitRestriction(runtime: Runtime, projectId: string, request: unknown): Promise<{ spec: unknown; restrict: string | undefined }> {
  // Anything but an object is left to the spec's validation to name.
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return { spec: request, restrict: undefined };
  const { cohort, journey, persona, ...spec } = request as { cohort?: unknown; journey?: unknown; persona?: unknown };
  let map: JourneyMap | null = null;
  if (persona !== undefined || journey !== undefined) {
    if (typeof persona !== 'string') throw new WaymarkError('WM_REQUEST_INVALID', 'persona', '"persona" is the id of a persona of the journey map given in "journey"');
    if (typeof journey !== 'string') throw new WaymarkError('WM_REQUEST_INVALID', 'journey', 'a persona belongs to a journey map: give its id in "journey"');
    ({ map } = await requireJourney(new JourneyStore(runtime.state.db), projectId, journey).catch(journeyParameter('journey')));
  }
  if (cohort !== undefined && typeof cohort !== 'string') throw new WaymarkError('WM_REQUEST_INVALID', 'cohort', '"cohort" is the id of a saved cohort');
  const restrict = await personsRestriction(runtime, projectId, map, { persona: persona as string | undefined, cohort });
  return { spec, restrict };
}
