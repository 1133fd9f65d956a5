import { createGunzip } from 'node:zlib';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { WaymarkError } from '@waymark/core';
import type { FastifyInstance } from 'fastify';

/**
 * Every body is JSON, whatever its label: RudderStack's client sends gzip with
 * `Content-Type: application/x-www-form-urlencoded`, others send none. Gzip bodies are
 * inflated as they stream in, so the size limits apply to the JSON itself.
 */
export function installJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(new WaymarkError('WM_INGEST_MALFORMED_JSON', null, 'the body is empty'), undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(new WaymarkError('WM_INGEST_MALFORMED_JSON', null, `the body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding']?.toLowerCase().trim();
    if (!encoding || encoding === 'identity') return payload;
    if (encoding !== 'gzip' && encoding !== 'x-gzip') {
      throw new WaymarkError('WM_INGEST_UNSUPPORTED_ENCODING', 'content-encoding', `content-encoding "${encoding}" is not supported; use gzip`);
    }
    return inflate(payload);
  });
}

function inflate(payload: Readable): Readable & { receivedEncodedLength: number } {
  let encodedLength = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      encodedLength += chunk.length;
      callback(null, chunk);
    },
  });
  const gunzip = createGunzip();
  // A stream of its own after gunzip: gunzip's own error (zlib's Z_DATA_ERROR) cannot be
  // replaced once emitted, and Fastify would answer it with an opaque 500.
  const out = payload.pipe(counter).pipe(gunzip).pipe(new PassThrough()) as unknown as Readable & { receivedEncodedLength: number };
  gunzip.on('error', () => {
    out.destroy(new WaymarkError('WM_INGEST_MALFORMED_JSON', 'content-encoding', 'the body is not valid gzip'));
  });
  Object.defineProperty(out, 'receivedEncodedLength', { get: () => encodedLength });
  return out;
}
