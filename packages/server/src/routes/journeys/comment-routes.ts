import { randomBytes } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { journeyTargetExists, WaymarkError } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../runtime.ts';
import { requireJourney } from '../../journeys/require-journey.ts';
import { journeyCaller } from './journey-access.ts';
import { CommentParams, CommentSchema, CreateComment, JourneyParams } from './schemas.ts';

/** Comments on a map's cells (a touchpoint, a stage, a KPI, a card, the goal), oldest first. */
export function commentRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['journeys'];
  const base = '/api/projects/:project/journeys/:id/comments';

  app.get<{ Params: JourneyParams }>(
    base,
    { schema: { tags, summary: "A map's comments, oldest first", params: JourneyParams, response: { 200: Type.Object({ comments: Type.Array(Type.Ref(CommentSchema)) }) } } },
    async (request) => {
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      await requireJourney(journeys, project.id, request.params.id);
      const comments = await journeys.comments(project.id, request.params.id);
      return { comments: comments.map(({ authorId: _, ...c }) => c) };
    },
  );

  app.post<{ Params: JourneyParams; Body: Static<typeof CreateComment> }>(
    base,
    { schema: { tags, summary: 'Comment on a cell of the latest version', params: JourneyParams, body: CreateComment, response: { 201: { $ref: 'JourneyComment#' } } } },
    async (request, reply) => {
      const { project, author, journeys } = await journeyCaller(request, runtime, request.params.project, 'write');
      const latest = await requireJourney(journeys, project.id, request.params.id);
      const { target, text } = request.body;
      if (!journeyTargetExists(latest.map, target)) {
        throw new WaymarkError('WM_REQUEST_INVALID', 'target', `"${target}" names nothing in the map: use goal, stage:<id>, touchpoint:<id>, kpi:<touchpointId>:<kpiId>, card:<id> or persona:<id>`);
      }
      if (text.trim() === '') throw new WaymarkError('WM_REQUEST_INVALID', 'text', 'a comment needs some text');
      const comment = { id: `cmt_${randomBytes(8).toString('hex')}`, target, text, author: author.name, authorId: author.id, createdAt: new Date().toISOString() };
      await journeys.addComment(project.id, request.params.id, comment);
      const { authorId: _, ...shown } = comment;
      return reply.status(201).send(shown);
    },
  );

  app.delete<{ Params: Static<typeof CommentParams> }>(
    `${base}/:commentId`,
    { schema: { tags, summary: 'Delete a comment', params: CommentParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'write');
      await requireJourney(journeys, project.id, request.params.id);
      if (!(await journeys.deleteComment(project.id, request.params.id, request.params.commentId))) {
        throw new WaymarkError('WM_JOURNEY_COMMENT_NOT_FOUND', 'commentId', `no comment "${request.params.commentId}" on this map`);
      }
      return reply.status(204).send();
    },
  );
}
