import type { Runtime } from '../runtime.ts';
import type { Project } from '../stores/state/state-store.ts';
import { splitRestriction } from './persons-restriction.ts';
import type { AnalysisAnswer } from './run-analysis.ts';

/** What an analysis needs of its project: the id, and the time zone its periods default to. */
export type AnalysisProject = Pick<Project, 'id' | 'timeZone'>;

/**
 * An analysis request (a spec, with the `cohort`, `journey` and `persona` it is restricted to)
 * answered for a project once every accepted event is visible: what `POST /query`,
 * `waymark query` and a cohort saved from an analysis run.
 */
export async function answerRequest(
  runtime: Runtime,
  project: AnalysisProject,
  request: unknown,
  control: { queryId?: string | undefined; signal?: AbortSignal } = {},
): Promise<AnalysisAnswer> {
  await runtime.pipeline.waitVisible();
  const { spec, restrict } = await splitRestriction(runtime, project.id, request);
  return runtime.analytics.run(spec, { restrict, projectId: project.id, timeZone: project.timeZone, dataVersion: runtime.dataVersion(), ...control });
}
