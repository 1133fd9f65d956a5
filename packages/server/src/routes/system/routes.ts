import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { ProjectParams } from '../events/schemas.ts';
import type { Static } from '@sinclair/typebox';

const ProjectSchema = Type.Object(
  { id: Type.String(), slug: Type.String(), name: Type.String(), timeZone: Type.String(), createdAt: Type.String({ format: 'date-time' }) },
  { $id: 'Project' },
);

export function systemRoutes(app: FastifyInstance, runtime: Runtime): void {
  app.get(
    '/healthz',
    { schema: { tags: ['system'], summary: 'Answers once the server is ready', response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }) } } },
    async () => ({ status: 'ok' as const, version: runtime.version }),
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get<{ Params: Static<typeof ProjectParams> }>(
    '/api/projects/:project',
    { schema: { tags: ['projects'], summary: 'A project', params: ProjectParams, response: { 200: { $ref: 'Project#' } } } },
    async (request) => (await authorizeRead(request, runtime.projects, request.params.project)).project,
  );
}

export const systemSchemas = [ProjectSchema];
