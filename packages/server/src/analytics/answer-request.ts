import { WaymarkError } from '@waymark/core';
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

/** The most persons an answer lists when asked for the first of them (`personsLimit`). */
export const MAX_PERSONS_LIMIT = 1_000_000;

/**
 * A request's `personsLimit` (checked), taken off the spec it travels beside: a page lists the
 * first persons behind a number and their count, and the rest need not travel.
 */
export function splitPersonsLimit(request: unknown): { request: unknown; personsLimit: number | undefined } {
  if (typeof request !== 'object' || request === null || !('personsLimit' in request)) return { request, personsLimit: undefined };
  const { personsLimit, ...rest } = request as { personsLimit: unknown };
  if (!Number.isInteger(personsLimit) || (personsLimit as number) < 0 || (personsLimit as number) > MAX_PERSONS_LIMIT) {
    throw new WaymarkError('WM_REQUEST_INVALID', 'personsLimit', `personsLimit: a whole number from 0 to ${MAX_PERSONS_LIMIT.toLocaleString('en-US')}`);
  }
  return { request: rest, personsLimit: personsLimit as number };
}

/** An answer with only the first `limit` of its persons, and their count as `personsCount`; as it is without persons. */
export function firstPersons(answer: AnalysisAnswer, limit: number): AnalysisAnswer {
  const result = answer.result as { persons?: readonly string[] | null };
  if (!Array.isArray(result.persons)) return answer;
  return { ...answer, result: { ...result, persons: result.persons.slice(0, limit), personsCount: result.persons.length } };
}
