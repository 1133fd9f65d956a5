import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireCohort } from '../../analytics/require-cohort.ts';
import { CohortInput, cohortPersonsNow, createCohort, DEFAULT_PERSONS, deleteCohort, MAX_PERSONS, redefineCohort, visibleCohort } from '../../analytics/saved-cohorts.ts';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { ProjectParams } from '../events/schemas.ts';

const CohortParams = Type.Object({ project: Type.String({ minLength: 1 }), cohort: Type.String({ minLength: 1 }) });
const CohortSchema = Type.Object(
  { id: Type.String(), name: Type.String(), definition: Type.Unknown(), createdAt: Type.String({ format: 'date-time' }) },
  { $id: 'Cohort' },
);

/** A fixed list of up to 1,000,000 persons (MAX_FIXED_PERSONS) fits; other bodies keep the 1 MB default. */
const COHORT_BODY_LIMIT = 64 * 1024 * 1024;

/** Saved cohorts: a segment's conditions (evaluated when used) or a fixed list of persons. */
export function cohortRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['analytics'];
  app.post<{ Params: Static<typeof ProjectParams>; Body: CohortInput }>(
    '/api/projects/:project/cohorts',
    { bodyLimit: COHORT_BODY_LIMIT, schema: { tags, summary: 'Save a cohort; pass its id as "cohort" in any analysis spec', params: ProjectParams, body: CohortInput, response: { 201: { $ref: 'Cohort#' } } } },
    async (request, reply) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
      return reply.status(201).send(visibleCohort(await createCohort(runtime, project, request.body)));
    },
  );

  app.get<{ Params: Static<typeof ProjectParams> }>(
    '/api/projects/:project/cohorts',
    { schema: { tags, summary: "The project's cohorts", params: ProjectParams, response: { 200: Type.Object({ cohorts: Type.Array(Type.Ref(CohortSchema)) }) } } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      return { cohorts: (await runtime.state.listCohorts(project.id)).map(visibleCohort) };
    },
  );

  app.put<{ Params: Static<typeof CohortParams>; Body: CohortInput }>(
    '/api/projects/:project/cohorts/:cohort',
    { bodyLimit: COHORT_BODY_LIMIT, schema: { tags, summary: 'Rename or redefine a cohort; analyses naming it count its new persons', params: CohortParams, body: CohortInput, response: { 200: { $ref: 'Cohort#' } } } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
      return visibleCohort(await redefineCohort(runtime, project, request.params.cohort, request.body));
    },
  );

  app.delete<{ Params: Static<typeof CohortParams> }>(
    '/api/projects/:project/cohorts/:cohort',
    { schema: { tags, summary: 'Delete a cohort; analyses naming it then answer 404', params: CohortParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
      await deleteCohort(runtime, project.id, request.params.cohort);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: Static<typeof CohortParams>; Querystring: { limit?: number } }>(
    '/api/projects/:project/cohorts/:cohort/persons',
    {
      schema: {
        tags,
        summary: "A cohort's persons now: how many, and the first of them by id",
        params: CohortParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PERSONS })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      return cohortPersonsNow(runtime, await requireCohort(runtime, project.id, request.params.cohort), request.query.limit ?? DEFAULT_PERSONS);
    },
  );
}

export const cohortSchemas = [CohortSchema];
