import { Type, type Static } from '@sinclair/typebox';
import { resultTable, tableCsv, WaymarkError } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { ANALYSES } from '../../analytics/analysis-registry.ts';
import { authorizeRead } from '../../http/auth.ts';
import { answerRequest, firstPersons, MAX_PERSONS_LIMIT, splitPersonsLimit } from '../../analytics/answer-request.ts';
import type { Runtime } from '../../runtime.ts';
import { ProjectParams } from '../events/schemas.ts';

const QueryParams = Type.Object({ project: Type.String({ minLength: 1 }), queryId: Type.String({ minLength: 1, maxLength: 100 }) });
const QueryQuerystring = Type.Object(
  { queryId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'An id of your choice, to cancel the query while it runs.' })) },
  { additionalProperties: false },
);

const QueryAnswer = Type.Object(
  {
    kind: Type.String(),
    result: Type.Unknown({ description: 'The analysis result; its shape depends on the kind (docs/analytics.md).' }),
    meta: Type.Object({
      ms: Type.Number(),
      cached: Type.Boolean({ description: 'Served from the cache: every query of the answer was asked before, with no new events since.' }),
      dataVersion: Type.Integer({ description: 'The log position of the newest event the answer includes.' }),
      queries: Type.Integer({ description: 'How many queries the analysis needs.' }),
      queriesCached: Type.Integer({ description: 'How many of them were answered from the cache (the counts behind a `personsAt`, once the counts were asked).' }),
      timeZone: Type.String({ description: "The time zone the result's periods are in: the spec's `timeZone`, else the project's." }),
    }),
  },
  { $id: 'QueryAnswer' },
);

/** `POST /query`: any analysis spec in, its result out; `POST /queries/:queryId/cancel` stops one. */
export function queryRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['analytics'];
  app.post<{ Params: Static<typeof ProjectParams>; Querystring: Static<typeof QueryQuerystring>; Body: unknown }>(
    '/api/projects/:project/query',
    {
      schema: {
        tags,
        summary: `Run an analysis (${Object.keys(ANALYSES).join(', ')}); the body is its spec`,
        params: ProjectParams,
        querystring: QueryQuerystring,
        body: Type.Object(
          {
            kind: Type.String(),
            cohort: Type.Optional(Type.String({ minLength: 1, description: 'Only persons of this saved cohort.' })),
            journey: Type.Optional(Type.String({ minLength: 1, description: 'The journey map whose `persona` is meant.' })),
            persona: Type.Optional(Type.String({ minLength: 1, description: 'Only persons of this persona of the journey map (with `journey`).' })),
            personsLimit: Type.Optional(
              Type.Integer({ minimum: 0, maximum: MAX_PERSONS_LIMIT, description: 'With `personsAt`: answer only the first this many of its `persons` (by id), and all of them as `personsCount`.' }),
            ),
          },
          { additionalProperties: true },
        ),
        response: { 200: { $ref: 'QueryAnswer#', description: 'The answer; with `Accept: text/csv`, the result as CSV (its table, as `waymark query --csv` prints it).' } },
      },
    },
    async (request, reply) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      // A client that goes away before its answer cancels its query.
      const gone = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) gone.abort();
      });
      const { request: body, personsLimit } = splitPersonsLimit(request.body);
      // Any analysis can be restricted to a saved cohort, to a persona of a journey map, or both.
      const answer = await answerRequest(runtime, project, body, { queryId: request.query.queryId, signal: gone.signal });
      if (!request.headers.accept?.includes('text/csv')) return personsLimit === undefined ? answer : firstPersons(answer, personsLimit);
      const table = resultTable(answer.kind, answer.result, { now: Date.now(), timeZone: answer.meta.timeZone });
      if (!table) throw new WaymarkError('WM_REQUEST_INVALID', 'kind', `a ${answer.kind} result has no table: ask for JSON`);
      return reply.type('text/csv; charset=utf-8').serializer((csv: string) => csv).send(tableCsv(table));
    },
  );

  app.post<{ Params: Static<typeof QueryParams> }>(
    '/api/projects/:project/queries/:queryId/cancel',
    { schema: { tags, summary: 'Cancel a running query', params: QueryParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await authorizeRead(request, runtime.projects, request.params.project);
      if (!runtime.analytics.cancel(request.params.queryId)) {
        throw new WaymarkError('WM_QUERY_NOT_FOUND', 'queryId', `no running query "${request.params.queryId}"`);
      }
      return reply.status(204).send();
    },
  );
}

export const querySchemas = [QueryAnswer];
