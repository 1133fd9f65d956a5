import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorBoundary } from './error-boundary.ts';
import { installWebApp } from './web-app.ts';

async function appServing(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  installErrorBoundary(app);
  app.get('/api/projects/:project/things', async () => ({ things: [] }));
  await installWebApp(app, '9.9.9', root);
  return app;
}

describe('the web app as the server serves it', () => {
  const root = `${mkdtempSync(path.join(tmpdir(), 'waymark-web-'))}${path.sep}`;
  let app: FastifyInstance;
  beforeAll(async () => {
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    app = await appServing(root);
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / and every page path with index.html, not cached', async () => {
    for (const url of ['/', '/p/default/map/shop?range=7', '/p/default/people/u1', '/sign-in']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('serves built assets as files, cached for good since their names carry a hash', async () => {
    const response = await app.inject({ url: '/assets/index-abc.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.body).toBe('console.log(1)');
  });

  it('leaves the API, capture, health and docs paths to the server: an unknown one is a JSON 404', async () => {
    expect((await app.inject({ url: '/api/projects/default/things' })).json()).toEqual({ things: [] });
    for (const url of ['/api/nope', '/v1/nope', '/healthz/x', '/docs/x', '/api']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('WM_ROUTE_NOT_FOUND');
    }
    expect((await app.inject({ method: 'POST', url: '/p/default/map' })).statusCode).toBe(404);
  });

  it('never serves a file outside the app folder', async () => {
    for (const url of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc/passwd']) {
      const response = await app.inject({ url });
      expect(response.body, url).not.toContain('root:');
      expect([200, 403, 404]).toContain(response.statusCode);
    }
  });

  it('says how to build the app while it is not built', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'waymark-web-empty-'));
    const bare = await appServing(empty);
    try {
      for (const url of ['/', '/p/default/map']) {
        const response = await bare.inject({ url });
        expect(response.statusCode).toBe(200);
        expect(response.body).toContain('npm run build');
        expect(response.body).toContain('9.9.9');
      }
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
