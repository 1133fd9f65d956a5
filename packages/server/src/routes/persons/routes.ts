import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { readEventPage } from '../events/event-page.ts';
import { EventQuery } from '../events/schemas.ts';

const PersonParams = Type.Object({
  project: Type.String({ minLength: 1 }),
  id: Type.String({ minLength: 1, description: 'Person id, user id or anonymous id.' }),
});

const PersonSchema = Type.Object(
  {
    personId: Type.String(),
    userIds: Type.Array(Type.String()),
    anonymousIds: Type.Array(Type.String()),
    traits: Type.Record(Type.String(), Type.Unknown()),
    firstSeen: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lastSeen: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    eventCount: Type.Integer(),
    channels: Type.Array(Type.String()),
  },
  { $id: 'Person' },
);

export function personRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['persons'];
  const requirePerson = async (projectId: string, id: string) => {
    await runtime.pipeline.waitVisible();
    const person = await runtime.events.findPerson(projectId, id);
    if (!person) throw new WaymarkError('WM_PERSON_NOT_FOUND', 'id', `no person with id "${id}"`);
    return person;
  };

  app.get<{ Params: Static<typeof PersonParams> }>(
    '/api/projects/:project/persons/:id',
    { schema: { tags, summary: "A person's profile: ids, traits, first and last seen, channels", params: PersonParams, response: { 200: { $ref: 'Person#' } } } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      const p = await requirePerson(project.id, request.params.id);
      return {
        personId: p.personId,
        userIds: p.ids.userIds,
        anonymousIds: p.ids.anonymousIds,
        traits: p.traits,
        firstSeen: p.firstSeen === null ? null : new Date(p.firstSeen).toISOString(),
        lastSeen: p.lastSeen === null ? null : new Date(p.lastSeen).toISOString(),
        eventCount: p.eventCount,
        channels: p.channels,
      };
    },
  );

  app.get<{ Params: Static<typeof PersonParams>; Querystring: Static<typeof EventQuery> }>(
    '/api/projects/:project/persons/:id/events',
    {
      schema: {
        tags,
        summary: "A person's cross-channel timeline, newest first",
        params: PersonParams,
        querystring: Type.Omit(EventQuery, ['person']),
        response: { 200: { $ref: 'EventPage#' } },
      },
    },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      const person = await requirePerson(project.id, request.params.id);
      return readEventPage(runtime, project.id, request.query, person.personId);
    },
  );
}

export const personSchemas = [PersonSchema];
