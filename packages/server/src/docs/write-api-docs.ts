// npm run docs:api — writes docs/api.md from the OpenAPI document of a freshly started server.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '../testing/test-server.ts';
import { renderApiDocs } from './render-api-docs.ts';

const API_DOCS = fileURLToPath(new URL('../../../../docs/api.md', import.meta.url));

const server = await startTestServer();
try {
  const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Parameters<typeof renderApiDocs>[0];
  writeFileSync(API_DOCS, renderApiDocs(doc));
  process.stdout.write(`wrote ${API_DOCS}\n`);
} finally {
  await server.destroy();
}
