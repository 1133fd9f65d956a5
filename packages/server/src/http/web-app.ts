import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { WaymarkError } from '@waymark/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { landingPage } from './landing-page.ts';

/** Where `vite build` writes the web app (packages/web/dist). */
export const WEB_APP_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths that belong to the API, capture, health and docs: never answered with the app. */
const SERVER_PATHS = /^\/(api|v1|healthz|docs)(\/|$)/;

/**
 * Serves the web app: its files as they are (hashed assets cached for a year), and index.html
 * for every other page path, so a link to `/p/shop/map` opens the app there. Until the app is
 * built, `/` says how to build it.
 */
export async function installWebApp(app: FastifyInstance, version: string, root: string = WEB_APP_DIR): Promise<void> {
  const built = () => existsSync(path.join(root, 'index.html'));
  await app.register(fastifyStatic, { root, serve: false });

  const page = async (url: string, reply: FastifyReply) => {
    const pathname = decodeURIComponent(url.split('?')[0]!);
    if (SERVER_PATHS.test(pathname)) throw new WaymarkError('WM_ROUTE_NOT_FOUND', null, `no route GET ${pathname}`);
    if (!built()) return reply.type('text/html').send(landingPage(version, false));
    const file = path.join(root, pathname);
    // A path outside the folder (`..`) is a page path like any other: it gets index.html.
    if (file.startsWith(root) && pathname !== '/' && existsSync(file) && statSync(file).isFile()) {
      const immutable = pathname.startsWith('/assets/');
      return reply.sendFile(pathname.slice(1), { cacheControl: true, maxAge: immutable ? 31_536_000_000 : 0, immutable });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };

  app.get('/', { schema: { hide: true } }, (request, reply) => page(request.url, reply));
  app.get('/*', { schema: { hide: true } }, (request, reply) => page(request.url, reply));
}
