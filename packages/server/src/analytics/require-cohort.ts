import { WaymarkError } from '@waymark/core';
import type { Runtime } from '../runtime.ts';
import type { Cohort } from '../stores/state/state-store.ts';

export const cohortNotFound = (id: string) => new WaymarkError('WM_COHORT_NOT_FOUND', 'cohort', `no cohort "${id}" in this project`);

/** A project's saved cohort, or the 404 naming it. */
export async function requireCohort(runtime: Runtime, projectId: string, id: string): Promise<Cohort> {
  const cohort = await runtime.state.findCohort(projectId, id);
  if (!cohort) throw cohortNotFound(id);
  return cohort;
}
