import { WaymarkError } from '@waymark/core';
import type { JourneyStore, JourneyVersion } from '../stores/state/journey-store.ts';

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
