import { WaymarkError, type ErrorCode } from '@waymark/core';
import type { FastifyError, FastifyInstance } from 'fastify';

/** Turns Ajv's `/batch/3/event` (plus a missing property) into `batch[3].event`. */
export function ajvPath(instancePath: string, missingProperty?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof missingProperty === 'string') parts.push(missingProperty);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

const TIMESTAMP_FIELD = /(^|\.)(timestamp|originalTimestamp|sentAt)$/;

/**
 * Where Fastify's own errors land in the catalog. Capture routes name the error of a body over
 * their limit (`tooLarge`) and take the WM_INGEST_* codes; other routes' bodies get
 * WM_REQUEST_INVALID, and WM_REQUEST_TOO_LARGE naming their `limit`.
 */
function fromFastify(error: FastifyError, tooLarge: ErrorCode | undefined, limit: number): WaymarkError | null {
  const capture = tooLarge !== undefined;
  if (error.validation && error.validation.length > 0) {
    const first = error.validation[0]!;
    const missing = (first.params as Record<string, unknown> | undefined)?.['missingProperty'];
    // An unknown field is named too, so the caller sees which one to drop.
    const unknown = (first.params as Record<string, unknown> | undefined)?.['additionalProperty'];
    const where = error.validationContext === 'body' || !error.validationContext ? '' : `${error.validationContext}.`;
    const path = where + ajvPath(first.instancePath, missing ?? unknown);
    const code: ErrorCode =
      !capture || error.validationContext !== 'body' ? 'WM_REQUEST_INVALID'
      : missing !== undefined ? 'WM_INGEST_MISSING_FIELD'
      // A timestamp that is not even a string is as much "not ISO-8601" as "yesterday" is.
      : TIMESTAMP_FIELD.test(path) ? 'WM_INGEST_INVALID_TIMESTAMP'
      : 'WM_INGEST_INVALID_FIELD';
    return new WaymarkError(code, path || null, `${path || 'body'} ${first.message ?? 'is invalid'}`);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLarge ? new WaymarkError(tooLarge, null) : new WaymarkError('WM_REQUEST_TOO_LARGE', null, `the request body is over ${limit / 1024 / 1024} MB, this endpoint's limit`);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new WaymarkError('WM_INGEST_MALFORMED_JSON', null, `the body is not valid JSON: ${error.message}`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new WaymarkError('WM_INGEST_MALFORMED_JSON', null, 'the body must be JSON');
  }
  if (error.statusCode === 400 && error instanceof SyntaxError) return new WaymarkError('WM_INGEST_MALFORMED_JSON', null, `the body is not valid JSON: ${error.message}`);
  return null;
}

/**
 * The one HTTP error boundary: known errors answer `{"error": {code, message, path}}`; 4xx
 * are logged at info, 5xx at error with the request id; anything unknown is an opaque 500.
 */
export function installErrorBoundary(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof WaymarkError ? error : fromFastify(error, request.routeOptions.config?.tooLarge, request.routeOptions.bodyLimit ?? 1_048_576);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, known.message);
      else request.log.info({ code: known.code, path: known.path }, known.message);
      return reply.status(known.status).send(known.toBody());
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(new WaymarkError('WM_INTERNAL').toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(new WaymarkError('WM_ROUTE_NOT_FOUND', null, `no route ${request.method} ${request.url.split('?')[0]}`).toBody());
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Capture routes: the error a body over the route's limit gets. Their body errors use the WM_INGEST_* codes. */
    tooLarge?: ErrorCode;
  }
}
