import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from './test-server.ts';

describe('a started server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.destroy());

  it('answers /healthz and stores a tracked event readable with the secret key', async () => {
    expect((await getJson(`${server.url}/healthz`)).body.status).toBe('ok');
    const sent = await postJson(`${server.url}/v1/track`, { userId: 'u1', event: 'Signed Up', messageId: 'm-1' }, { authorization: server.writeAuth });
    expect(sent).toEqual({ status: 200, body: { success: true, accepted: 1, duplicates: 0, skipped: 0 } });
    const page = await getJson(`${server.url}/api/projects/default/events`, { authorization: server.readAuth });
    expect(page.status).toBe(200);
    expect(page.body.events.map((e: { id: string }) => e.id)).toEqual(['m-1']);
  });
});
