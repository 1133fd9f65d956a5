import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTestServer, type TestServer } from '../testing/test-server.ts';
import { renderApiDocs } from './render-api-docs.ts';

describe('docs/api.md', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.destroy());

  it('is what the route schemas say today (run npm run docs:api after changing a route)', async () => {
    const doc = await getJson(`${server.url}/api/openapi.json`);
    const written = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    expect(written).toBe(renderApiDocs(doc.body));
    for (const route of ['POST /v1/batch', 'POST /api/projects/{project}/query', 'GET /api/projects/{project}/persons/{id}/events']) expect(written).toContain(route);
  });
});
