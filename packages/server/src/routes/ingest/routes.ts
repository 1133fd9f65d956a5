import { MAX_BATCH_BYTES, MAX_EVENT_BYTES, WaymarkError, type MessageType, type SegmentBatch, type SegmentMessage } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { authenticateCapture } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { CaptureResponse } from './schemas.ts';

const SINGLE_CALLS: readonly MessageType[] = ['track', 'identify', 'page', 'screen', 'group', 'alias'];
// A single call's body may carry a little more than the event itself (writeKey, sentAt).
const SINGLE_BODY_LIMIT = MAX_EVENT_BYTES + 1024;

/** Segment's HTTP Tracking API: `/v1/<call>` for one message, `/v1/batch` (and `/v1/import`) for many. */
export function captureRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['capture'];
  for (const type of SINGLE_CALLS) {
    app.post<{ Body: SegmentMessage }>(
      `/v1/${type}`,
      {
        bodyLimit: SINGLE_BODY_LIMIT,
        config: { tooLarge: 'WM_INGEST_EVENT_TOO_LARGE' },
        schema: { tags, summary: `Segment ${type} call`, body: { $ref: 'SegmentMessage#' }, response: { 200: { $ref: 'CaptureResponse#' } } },
        preValidation: async (request) => {
          request.principal = await authenticateCapture(request, runtime.projects);
        },
      },
      async (request) => {
        const body = request.body;
        if (body.type !== undefined && body.type !== type) {
          throw new WaymarkError('WM_INGEST_INVALID_FIELD', 'type', `this endpoint takes ${type} calls, not "${String(body.type)}"`);
        }
        const outcome = await runtime.pipeline.ingest({
          projectId: request.principal!.projectId,
          keyChannel: request.principal!.channel,
          receivedAt: Date.now(),
          messages: [body],
          pathRoot: null,
          defaultType: type,
        });
        return { success: true as const, ...outcome };
      },
    );
  }

  for (const url of ['/v1/batch', '/v1/import']) {
    app.post<{ Body: SegmentBatch }>(
      url,
      {
        bodyLimit: MAX_BATCH_BYTES,
        config: { tooLarge: 'WM_INGEST_BATCH_TOO_LARGE' },
        schema: {
          tags,
          summary: 'A batch of Segment calls (at most 500 KB); all are stored or none',
          body: { $ref: 'SegmentBatch#' },
          response: { 200: { $ref: 'CaptureResponse#' } },
          hide: url === '/v1/import',
        },
        preValidation: async (request) => {
          request.principal = await authenticateCapture(request, runtime.projects);
        },
      },
      async (request) => {
        const { batch, sentAt, context, integrations } = request.body;
        if (batch.length === 0) throw new WaymarkError('WM_INGEST_EMPTY_BATCH', 'batch');
        // Batch-level context and integrations apply to every message that has none of its own.
        const messages = context || integrations ? batch.map((m) => ({ ...m, context: m.context ?? context, integrations: m.integrations ?? integrations })) : batch;
        const outcome = await runtime.pipeline.ingest({
          projectId: request.principal!.projectId,
          keyChannel: request.principal!.channel,
          receivedAt: Date.now(),
          messages,
          pathRoot: 'batch',
          batchSentAt: sentAt,
        });
        return { success: true as const, ...outcome };
      },
    );
  }
}

export const captureSchemas = [CaptureResponse];
