import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk } from '../../testing/build-sdk.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

describe('session replay capture and settings', () => {
  let server: TestServer;
  let sessionId: string;
  const anonymousId = 'device-1';
  const T0 = Date.parse('2026-03-02T10:00:00Z');

  const chunk = (overrides: Record<string, unknown> = {}) => ({
    writeKey: server.credentials.writeKey,
    anonymousId,
    replayId: 'replay-0001',
    chunkId: randomUUID(),
    sequence: 0,
    startedAt: new Date(T0).toISOString(),
    endedAt: new Date(T0 + 5000).toISOString(),
    url: 'https://shop.example/',
    events: [
      { type: 4, timestamp: T0, data: { href: 'https://shop.example/', width: 1200, height: 800 } },
      { type: 2, timestamp: T0 + 1, data: { node: { type: 0, childNodes: [] } } },
    ],
    ...overrides,
  });
  const replayOf = (session: string) => getJson(`${server.url}/api/projects/default/sessions/${session}/replay`, { authorization: server.readAuth });

  beforeAll(async () => {
    await buildSdk();
    server = await startTestServer();
    await postJson(`${server.url}/v1/batch`, { batch: [{ type: 'page', anonymousId, timestamp: new Date(T0 + 2000).toISOString(), properties: { path: '/' } }] }, { authorization: server.writeAuth });
    const events = await getJson(`${server.url}/api/projects/default/events`, { authorization: server.readAuth });
    sessionId = events.body.events[0].sessionId;
  });
  afterAll(() => server.destroy());

  it('stores a chunk once, and gives the session its recording and its events in time order', async () => {
    const first = chunk();
    expect((await postJson(`${server.url}/v1/replay`, first)).body).toEqual({ success: true, stored: true });
    expect((await postJson(`${server.url}/v1/replay`, first)).body).toEqual({ success: true, stored: false });
    const later = chunk({ sequence: 1, startedAt: new Date(T0 + 5000).toISOString(), endedAt: new Date(T0 + 9000).toISOString(), events: [{ type: 3, timestamp: T0 + 6000, data: { source: 2, type: 2, id: 1 } }] });
    await postJson(`${server.url}/v1/replay`, later);
    // A recording of another device is not this session's.
    await postJson(`${server.url}/v1/replay`, chunk({ anonymousId: 'device-2' }));

    const replay = await replayOf(sessionId);
    expect(replay.status).toBe(200);
    expect(replay.body.chunks).toHaveLength(2);
    expect(replay.body.events.map((e: { type: number }) => e.type)).toEqual([4, 2, 3]);
    expect(replay.body.timeline).toEqual([expect.objectContaining({ event: '$page', timestamp: new Date(T0 + 2000).toISOString() })]);
  });

  it.each([
    [{ replayId: 'a/b/../../x' }, 'replayId'],
    [{ chunkId: 'short' }, 'chunkId'],
    [{ events: [] }, 'events'],
    [{ events: [{ timestamp: 1 }] }, 'events[0].type'],
    [{ startedAt: 'yesterday' }, 'startedAt'],
    [{ endedAt: new Date(T0 - 1).toISOString() }, 'endedAt'],
    [{ sequence: -1 }, 'sequence'],
    [{ extra: true }, 'extra'],
  ])('refuses a chunk with %j, naming %s, and stores nothing', async (overrides, field) => {
    const before = (await replayOf(sessionId)).body.chunks.length;
    const answer = await postJson(`${server.url}/v1/replay`, chunk({ ...overrides, anonymousId }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.path).toBe(field);
    expect((await replayOf(sessionId)).body.chunks.length).toBe(before);
  });

  it('needs a write key to record, and a secret key to watch', async () => {
    const { writeKey: _key, ...anonymous } = chunk();
    expect((await postJson(`${server.url}/v1/replay`, anonymous)).status).toBe(401);
    expect((await getJson(`${server.url}/api/projects/default/sessions/${sessionId}/replay`)).status).toBe(401);
    expect((await getJson(`${server.url}/api/projects/default/sessions/${sessionId}/replay`, { authorization: `Bearer ${server.credentials.writeKey}` })).status).toBe(403);
  });

  it('answers 404 for a session the project does not have', async () => {
    const answer = await replayOf('no-such-session');
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'WM_SESSION_NOT_FOUND', path: 'session' });
  });

  it('keeps the recording settings, validated, and gives them to the SDK with a write key', async () => {
    const url = `${server.url}/api/projects/default/settings/replay`;
    expect((await getJson(url, { authorization: server.readAuth })).body).toEqual({ enabled: false, sampleRate: 1, pages: [] });
    const put = (body: unknown) => fetch(url, { method: 'PUT', headers: { authorization: server.readAuth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const [body, field] of [
      [{ enabled: true, sampleRate: 2, pages: [] }, 'sampleRate'],
      [{ enabled: true, sampleRate: 0.5, pages: ['(unclosed'] }, 'pages[0]'],
      [{ enabled: 'yes', sampleRate: 0.5, pages: [] }, 'enabled'],
    ] as const) {
      const answer = await put(body);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: { path: string } }).error.path).toBe(field);
    }
    expect((await put({ enabled: true, sampleRate: 0.25, pages: ['^/checkout'] })).status).toBe(200);
    expect((await getJson(url, { authorization: server.readAuth })).body).toEqual({ enabled: true, sampleRate: 0.25, pages: ['^/checkout'] });
    expect((await postJson(`${server.url}/v1/replay/settings`, { writeKey: server.credentials.writeKey })).body).toEqual({ enabled: true, sampleRate: 0.25, pages: ['^/checkout'] });
    // The SDK's call without its key, or with one no project has, learns nothing of the settings.
    for (const [body, status, code] of [
      [{}, 401, 'WM_AUTH_MISSING_KEY'],
      [{ writeKey: 'wk_nobody' }, 401, 'WM_AUTH_INVALID_KEY'],
    ] as const) {
      const answer = await postJson(`${server.url}/v1/replay/settings`, body);
      expect([answer.status, answer.body.error?.code, answer.body.enabled]).toEqual([status, code, undefined]);
    }
  });

  it('serves the browser SDK and the replay recorder as scripts any site may load', async () => {
    for (const file of ['waymark.js', 'rrweb.js']) {
      const response = await fetch(`${server.url}/sdk/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/javascript');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect((await response.text()).length).toBeGreaterThan(5000);
    }
  });
});
