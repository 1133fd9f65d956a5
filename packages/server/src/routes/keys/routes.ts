import { Type, type Static } from '@sinclair/typebox';
import { isChannel, WaymarkError } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { authorizeRead } from '../../http/auth.ts';
import { KEY_KINDS } from '../../projects/api-keys.ts';
import type { Runtime } from '../../runtime.ts';
import { ProjectParams } from '../events/schemas.ts';

const KeyParams = Type.Object({ project: Type.String({ minLength: 1 }), keyId: Type.String({ minLength: 1 }) });

const KeySchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union(KEY_KINDS.map((k) => Type.Literal(k))),
    name: Type.String(),
    channel: Type.Union([Type.String(), Type.Null()], { description: 'Channel given to events sent with this key, unless they name their own.' }),
    createdAt: Type.String({ format: 'date-time' }),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'ApiKey' },
);
const IssuedKeySchema = Type.Object(
  { key: Type.Ref(KeySchema), token: Type.String({ description: 'The key itself. Shown once: only its hash is stored.' }) },
  { $id: 'IssuedKey' },
);
const CreateKeyBody = Type.Object(
  {
    kind: Type.Union(KEY_KINDS.map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    channel: Type.Optional(Type.String({ description: 'A source channel such as support, email or store.' })),
  },
  { additionalProperties: false },
);

const visible = (k: { id: string; kind: 'write' | 'secret'; name: string; channel: string | null; createdAt: string; revokedAt: string | null }) => ({
  id: k.id,
  kind: k.kind,
  name: k.name,
  channel: k.channel,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
});

/** A project's keys: list, create (a write key per source channel), rotate, revoke. */
export function keyRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['keys'];
  app.get<{ Params: Static<typeof ProjectParams> }>(
    '/api/projects/:project/keys',
    { schema: { tags, summary: "The project's keys (never the keys themselves)", params: ProjectParams, response: { 200: Type.Object({ keys: Type.Array(Type.Ref(KeySchema)) }) } } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'admin');
      return { keys: (await runtime.projects.listKeys(project.id)).map(visible) };
    },
  );

  app.post<{ Params: Static<typeof ProjectParams>; Body: Static<typeof CreateKeyBody> }>(
    '/api/projects/:project/keys',
    { schema: { tags, summary: 'Create a key', params: ProjectParams, body: CreateKeyBody, response: { 201: { $ref: 'IssuedKey#' } } } },
    async (request, reply) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'admin');
      const { kind, name, channel } = request.body;
      if (channel !== undefined && !isChannel(channel)) {
        throw new WaymarkError('WM_REQUEST_INVALID', 'channel', 'a channel is a lowercase word such as "support" (letters, digits, - and _)');
      }
      const issued = await runtime.projects.createKey(project.id, kind, { name, channel: channel ?? null });
      return reply.status(201).send({ key: visible(issued.record), token: issued.token });
    },
  );

  app.post<{ Params: Static<typeof KeyParams> }>(
    '/api/projects/:project/keys/:keyId/rotate',
    { schema: { tags, summary: 'Replace a key with a new one; the old one stops working at once', params: KeyParams, response: { 200: { $ref: 'IssuedKey#' } } } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'admin');
      const issued = await runtime.projects.rotateKey(project.id, request.params.keyId);
      return { key: visible(issued.record), token: issued.token };
    },
  );

  app.delete<{ Params: Static<typeof KeyParams> }>(
    '/api/projects/:project/keys/:keyId',
    { schema: { tags, summary: 'Revoke a key', params: KeyParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'admin');
      await runtime.projects.revokeKey(project.id, request.params.keyId);
      return reply.status(204).send();
    },
  );
}

export const keySchemas = [KeySchema, IssuedKeySchema];
