import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../stores/event-store.ts';
import { eventFilter, readEventPage } from './event-page.ts';
import { EventPage, EventQuery, ProjectParams, StoredEventSchema } from './schemas.ts';

const ExportQuery = Type.Composite([
  Type.Omit(EventQuery, ['limit', 'cursor']),
  Type.Object({ format: Type.Optional(Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)))) }),
]);

const CONTENT_TYPES: Record<ExportFormat, string> = { jsonl: 'application/x-ndjson', csv: 'text/csv', parquet: 'application/vnd.apache.parquet' };

export function eventRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['events'];
  app.get<{ Params: Static<typeof ProjectParams>; Querystring: EventQuery }>(
    '/api/projects/:project/events',
    {
      schema: { tags, summary: 'Recent events, newest first, with filters and paging', params: ProjectParams, querystring: EventQuery, response: { 200: { $ref: 'EventPage#' } } },
    },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      return readEventPage(runtime, project.id, request.query);
    },
  );

  app.get<{ Params: Static<typeof ProjectParams>; Querystring: Static<typeof ExportQuery> }>(
    '/api/projects/:project/export',
    { schema: { tags, summary: 'All matching events, oldest first, as JSON lines (default), CSV or Parquet', params: ProjectParams, querystring: ExportQuery } },
    async (request, reply) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      const format = request.query.format ?? 'jsonl';
      const filter = await eventFilter(runtime, project.id, request.query);
      // DuckDB writes the file (Parquet needs a seekable target); the answer streams it.
      const dir = await mkdtemp(path.join(tmpdir(), 'waymark-export-'));
      const file = path.join(dir, `events.${format}`);
      await runtime.events.exportEvents(filter, format, file);
      const stream = createReadStream(file);
      stream.on('close', () => void rm(dir, { recursive: true, force: true }));
      return reply.type(CONTENT_TYPES[format]).send(stream);
    },
  );
}

export const eventSchemas = [StoredEventSchema, EventPage];
