import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../http/member-session.ts';
import type { Runtime } from '../../runtime.ts';
import { CreateMemberBody, MemberParams, MemberSchema, UpdateMemberBody } from '../auth/schemas.ts';

/**
 * The owner's management of members. Members belong to the instance, not to a project, so
 * these routes take an owner's session; a project's secret key does not reach them.
 */
export function memberRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['members'];
  const owner = (request: Parameters<typeof requireRole>[0]) => requireRole(request, 'admin', 'managing members');

  app.get(
    '/api/members',
    { schema: { tags, summary: 'Every member (owner only)', response: { 200: Type.Object({ members: Type.Array(Type.Ref(MemberSchema)) }) } } },
    async (request) => {
      await owner(request);
      return { members: await runtime.members.list() };
    },
  );

  app.post<{ Body: CreateMemberBody }>(
    '/api/members',
    {
      schema: {
        tags,
        summary: 'Add a member with a one-time password, which they change at their first sign-in (owner only)',
        body: CreateMemberBody,
        response: { 201: Type.Object({ member: Type.Ref(MemberSchema), oneTimePassword: Type.String({ description: 'Shown once: only its hash is stored.' }) }) },
      },
    },
    async (request, reply) => {
      await owner(request);
      return reply.status(201).send(await runtime.members.create(request.body));
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateMemberBody }>(
    '/api/members/:id',
    { schema: { tags, summary: 'Rename a member, change their role, disable or re-enable them (owner only)', params: MemberParams, body: UpdateMemberBody, response: { 200: { $ref: 'Member#' } } } },
    async (request) => {
      await owner(request);
      return runtime.members.update(request.params.id, request.body);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/members/:id',
    { schema: { tags, summary: 'Delete a member and end their sessions (owner only)', params: MemberParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await owner(request);
      await runtime.members.remove(request.params.id);
      return reply.status(204).send();
    },
  );
}
