import { personaPersonsSql, WaymarkError, type JourneyMap, type SqlDialect } from '@waymark/core';
import { journeyParameter, requireJourney } from '../journeys/require-journey.ts';
import type { Runtime } from '../runtime.ts';
import { JourneyStore } from '../stores/state/journey-store.ts';
import { cohortPredicate } from './cohort-filter.ts';
import { requireCohort } from './require-cohort.ts';

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
