import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { authenticateCapture, authorizeRead } from '../../http/auth.ts';
import { ReplayStore } from '../../replays/replay-store.ts';
import type { Runtime } from '../../runtime.ts';
import { ProjectParams } from '../events/schemas.ts';

const Id = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' });
const Instant = Type.String({ minLength: 1, maxLength: 40, description: 'ISO-8601 date-time.' });

const ReplayChunkBody = Type.Object(
  {
    writeKey: Type.Optional(Type.String()),
    anonymousId: Type.String({ minLength: 1, maxLength: 200 }),
    replayId: Id,
    chunkId: Id,
    sequence: Type.Integer({ minimum: 0 }),
    startedAt: Instant,
    endedAt: Instant,
    url: Type.String({ maxLength: 2000 }),
    events: Type.Array(Type.Object({ type: Type.Integer(), timestamp: Type.Number() }, { additionalProperties: true }), { minItems: 1, maxItems: 20_000 }),
  },
  { additionalProperties: false },
);

export const ReplaySettingsSchema = Type.Object(
  {
    enabled: Type.Boolean({ description: 'Whether the SDK records sessions.' }),
    sampleRate: Type.Number({ minimum: 0, maximum: 1, description: 'Share of sessions recorded.' }),
    pages: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50, description: 'Regular expressions of the paths that record; none means every page.' }),
  },
  { additionalProperties: false, $id: 'ReplaySettings' },
);

const SessionParams = Type.Object({ project: Type.String({ minLength: 1 }), session: Type.String({ minLength: 1, maxLength: 200 }) });
/** Replays of a session start a little before its first event: the page was recording before the first event was sent. */
const MARGIN_MS = 60_000;
/** Chunks are 5 s or 500 events; a 20 MB answer is hours of a busy session. */
const MAX_REPLAY_EVENTS = 200_000;

/** Session replay: chunks in from the SDK, settings, and a session's recording out for the player. */
export function replayRoutes(app: FastifyInstance, runtime: Runtime): void {
  const store = new ReplayStore(runtime.state.db, path.join(runtime.config.dataDir, 'replays'));

  app.post<{ Body: Static<typeof ReplayChunkBody> }>(
    '/v1/replay',
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: { tags: ['capture'], summary: 'A chunk of a session recording (rrweb events) from the browser SDK', body: ReplayChunkBody },
      preValidation: async (request) => {
        request.principal = await authenticateCapture(request, runtime.projects);
      },
    },
    async (request) => {
      const { writeKey: _key, events, ...chunk } = request.body;
      for (const field of ['startedAt', 'endedAt'] as const) {
        if (Number.isNaN(Date.parse(chunk[field]))) throw new WaymarkError('WM_INGEST_INVALID_FIELD', field, `${field} must be an ISO-8601 date-time`);
      }
      if (Date.parse(chunk.endedAt) < Date.parse(chunk.startedAt)) throw new WaymarkError('WM_INGEST_INVALID_FIELD', 'endedAt', 'endedAt is before startedAt');
      const stored = await store.add(request.principal!.projectId, chunk, events);
      return { success: true, stored };
    },
  );

  app.post(
    '/v1/replay/settings',
    {
      schema: { tags: ['capture'], summary: "The project's recording settings, for the browser SDK (write key in the body or as Basic auth)" },
      preValidation: async (request) => {
        request.principal = await authenticateCapture(request, runtime.projects);
      },
    },
    async (request) => store.settings(request.principal!.projectId),
  );

  app.get<{ Params: Static<typeof ProjectParams> }>(
    '/api/projects/:project/settings/replay',
    { schema: { tags: ['replay'], summary: 'Session replay settings', params: ProjectParams, response: { 200: ReplaySettingsSchema } } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      return store.settings(project.id);
    },
  );

  app.put<{ Params: Static<typeof ProjectParams>; Body: Static<typeof ReplaySettingsSchema> }>(
    '/api/projects/:project/settings/replay',
    { schema: { tags: ['replay'], summary: 'Change session replay settings', params: ProjectParams, body: ReplaySettingsSchema, response: { 200: ReplaySettingsSchema } } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'admin');
      request.body.pages.forEach((page, i) => {
        try {
          new RegExp(page);
        } catch {
          throw new WaymarkError('WM_REQUEST_INVALID', `pages[${i}]`, `pages[${i}] is not a valid regular expression`);
        }
      });
      await store.saveSettings(project.id, request.body);
      return store.settings(project.id);
    },
  );

  app.get<{ Params: Static<typeof SessionParams> }>(
    '/api/projects/:project/sessions/:session/replay',
    { schema: { tags: ['replay'], summary: "A session's recording (rrweb events, in time order) and its events, for the player", params: SessionParams } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      await runtime.pipeline.waitVisible();
      const d = runtime.engine.dialect;
      const where = `project_id = ${d.string(project.id)} AND session_id = ${d.string(request.params.session)}`;
      const timeline = await runtime.engine.query(
        `SELECT event, type, person_id, anonymous_id, ${d.epochMs()} AS at, properties FROM events_resolved WHERE ${where} ORDER BY timestamp, seq LIMIT 10000`,
      );
      if (timeline.length === 0) throw new WaymarkError('WM_SESSION_NOT_FOUND', 'session', `no session "${request.params.session}" in this project`);
      const devices = [...new Set(timeline.map((e) => e['anonymous_id']).filter((id): id is string => typeof id === 'string'))];
      const first = Number(timeline[0]!['at']);
      const last = Number(timeline[timeline.length - 1]!['at']);
      const chunks = await store.chunksFor(project.id, devices, new Date(first - MARGIN_MS).toISOString(), new Date(last + MARGIN_MS).toISOString());
      const events: unknown[] = [];
      for (const chunk of chunks) {
        if (events.length >= MAX_REPLAY_EVENTS) break;
        events.push(...store.read(project.id, chunk));
      }
      events.sort((a, b) => (a as { timestamp: number }).timestamp - (b as { timestamp: number }).timestamp);
      return {
        sessionId: request.params.session,
        personId: timeline[0]!['person_id'],
        start: new Date(first).toISOString(),
        end: new Date(last).toISOString(),
        chunks: chunks.map(({ chunkId, startedAt, endedAt, url, events: n }) => ({ chunkId, startedAt, endedAt, url, events: n })),
        events,
        timeline: timeline.map((e) => ({
          event: e['event'],
          type: e['type'],
          timestamp: new Date(Number(e['at'])).toISOString(),
          properties: typeof e['properties'] === 'string' ? (JSON.parse(e['properties']) as unknown) : e['properties'],
        })),
      };
    },
  );
}
