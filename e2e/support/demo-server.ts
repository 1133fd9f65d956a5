import { yesterdayUtc } from '../../packages/server/src/demo/generate-demo.ts';
import { seedDemo } from '../../packages/server/src/demo/seed-demo.ts';
import { startTestServer, type TestServer } from '../../packages/server/src/testing/test-server.ts';

/**
 * A real server with a demo shop of simulated customers up to yesterday (fixed seed), so the
 * map's date presets cover it and every run sees the same data.
 */
export async function startDemoServer({ customers, days }: { customers: number; days: number }): Promise<TestServer> {
  const server = await startTestServer();
  await seedDemo(server.runtime, server.credentials.projectId, () => undefined, { scenario: 'shop', customers, days, seed: 7, end: yesterdayUtc() });
  return server;
}
