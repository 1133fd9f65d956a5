import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { WaymarkError } from '@waymark/core';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);

/** Where the browser SDK's build and rrweb's recorder are on disk. */
export function sdkFiles(): { sdk: string; rrweb: string } {
  const sdkPackage = require.resolve('@waymark/sdk-web/package.json');
  // rrweb's `exports` hide dist/: resolve its main entry (from the SDK, which depends on it) and take the folder.
  const rrwebMain = createRequire(sdkPackage).resolve('rrweb');
  return { sdk: path.join(path.dirname(sdkPackage), 'dist', 'waymark.js'), rrweb: path.join(path.dirname(rrwebMain), 'rrweb.umd.min.cjs') };
}

/**
 * The browser SDK for the one-line snippet, `/sdk/waymark.js`, and rrweb's recorder,
 * `/sdk/rrweb.js`, which the SDK loads only when it records a session. Read once, cached
 * by browsers for an hour.
 */
export function sdkRoutes(app: FastifyInstance): void {
  const files = sdkFiles();
  const cache = new Map<string, string>();
  const serve = (file: string) => {
    let text = cache.get(file);
    if (text === undefined) {
      if (!existsSync(file)) throw new WaymarkError('WM_UNAVAILABLE', null, 'the browser SDK is not built: run "npm run build"');
      text = readFileSync(file, 'utf8');
      cache.set(file, text);
    }
    return text;
  };
  for (const [url, file] of [
    ['/sdk/waymark.js', files.sdk],
    ['/sdk/rrweb.js', files.rrweb],
  ] as const) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').header('access-control-allow-origin', '*').send(serve(file)),
    );
  }
}
