import { gunzipSync } from 'node:zlib';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { Analytics as SegmentAnalytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTestServer, type TestServer } from './testing/test-server.ts';

/**
 * The real Segment and RudderStack Node clients, unchanged, pointed at Waymark: every call they
 * make is stored with the fields and the messageId the library sent.
 */

interface SentMessage {
  type: string;
  messageId: string;
  userId?: string;
  anonymousId?: string;
  event?: string;
  name?: string;
  category?: string;
  groupId?: string;
  previousId?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  timestamp?: string;
  originalTimestamp?: string;
  context?: { library?: { name?: string } };
}

interface StoredEvent {
  id: string;
  type: string;
  event: string;
  userId: string | null;
  anonymousId: string | null;
  channel: string;
  timestamp: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.destroy());

async function storedEvents(): Promise<Map<string, StoredEvent[]>> {
  const page = await getJson(`${server.url}/api/projects/default/events?limit=1000`, { authorization: server.readAuth });
  expect(page.status).toBe(200);
  const byId = new Map<string, StoredEvent[]>();
  for (const e of page.body.events as StoredEvent[]) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
  return byId;
}

async function person(id: string) {
  const answer = await getJson(`${server.url}/api/projects/default/persons/${id}`, { authorization: server.readAuth });
  expect(answer.status, `person ${id}`).toBe(200);
  return answer.body as { personId: string; userIds: string[]; anonymousIds: string[]; traits: Record<string, unknown>; channels: string[]; eventCount: number };
}

/** What Waymark should store for a Segment message, field by field. */
function expectedFor(m: SentMessage): Partial<StoredEvent> {
  const system: Record<string, string> = { identify: '$identify', page: '$page', screen: '$screen', group: '$group', alias: '$alias' };
  const properties =
    m.type === 'identify' ? (m.traits ?? {})
    : m.type === 'group' ? { ...m.traits, groupId: m.groupId }
    : m.type === 'alias' ? { previousId: m.previousId }
    : m.type === 'page' || m.type === 'screen' ? { ...m.properties, ...(m.name !== undefined && { name: m.name }), ...(m.category !== undefined && { category: m.category }) }
    : (m.properties ?? {});
  return {
    id: m.messageId,
    type: m.type,
    event: m.type === 'track' ? m.event! : system[m.type]!,
    userId: m.userId ?? null,
    anonymousId: m.anonymousId ?? null,
    channel: 'server',
    properties,
  };
}

/** Checks that each message the library sent is stored exactly once, as sent. */
async function expectAllStored(sent: SentMessage[], types: string[]): Promise<void> {
  expect(sent.map((m) => m.type).sort()).toEqual(types.slice().sort());
  expect(new Set(sent.map((m) => m.messageId)).size).toBe(sent.length);
  const stored = await storedEvents();
  for (const m of sent) {
    const found = stored.get(m.messageId) ?? [];
    expect(found, `${m.type} ${m.messageId}`).toHaveLength(1);
    const e = found[0]!;
    expect(e).toMatchObject(expectedFor(m));
    expect((e.context['library'] as { name: string }).name).toBe(m.context?.library?.name);
    // Client and server share a clock here: the skew correction must change next to nothing.
    const clientTime = Date.parse(m.originalTimestamp ?? m.timestamp!);
    expect(Math.abs(Date.parse(e.timestamp) - clientTime)).toBeLessThan(2_000);
  }
}

describe('@segment/analytics-node', () => {
  const requests: { headers: Record<string, string>; body: string }[] = [];
  const statuses: number[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    const analytics = new SegmentAnalytics({ writeKey: server.credentials.writeKey, host: server.url, flushAt: 4, flushInterval: 50, maxRetries: 0 });
    analytics.on('http_request', (r) => requests.push({ headers: r.headers, body: r.body }));
    analytics.on('http_response', (r) => statuses.push(r.status));
    analytics.on('error', (e) => errors.push(e));

    analytics.identify({ userId: 'seg-user', anonymousId: 'seg-anon', traits: { email: 'sam@example.com', plan: 'trial' } });
    analytics.page({ anonymousId: 'seg-anon', name: 'Pricing', category: 'Marketing', properties: { path: '/pricing', referrer: 'https://search.example' } });
    analytics.track({ userId: 'seg-user', event: 'Subscription Started', properties: { plan: 'pro', mrr: 49, addons: ['sso'] } });
    analytics.group({ userId: 'seg-user', groupId: 'seg-org', traits: { name: 'Acme', employee_count: 25 } });
    analytics.screen({ userId: 'seg-user', name: 'Dashboard', properties: { tab: 'usage' } });
    analytics.identify({ userId: 'seg-user', traits: { plan: 'pro', role: 'admin' } });
    analytics.alias({ userId: 'seg-user', previousId: 'seg-legacy-7' });
    await analytics.closeAndFlush({ timeout: 10_000 });
  });

  const sent = () => requests.flatMap((r) => (JSON.parse(r.body) as { batch: SentMessage[] }).batch);

  it('sent its calls in more than one batch, and every answer was a success', () => {
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests[0]!.headers['Content-Type']).toBe('application/json');
    expect(statuses).toEqual(requests.map(() => 200));
    expect(errors).toEqual([]);
  });

  it('every call is stored once, with its fields and the messageId the library made', async () => {
    await expectAllStored(sent(), ['identify', 'page', 'track', 'group', 'screen', 'identify', 'alias']);
    expect(sent()[0]!.context?.library?.name).toBe('@segment/analytics-node');
  });

  it('traits are merged on one person, known by every id', async () => {
    const p = await person('seg-user');
    expect(p.traits).toEqual({ email: 'sam@example.com', plan: 'pro', role: 'admin' });
    expect(p.userIds.sort()).toEqual(['seg-legacy-7', 'seg-user']);
    expect(p.anonymousIds).toEqual(['seg-anon']);
    expect(p.eventCount).toBe(7);
    expect(p.channels).toEqual(['server']);
    expect((await person('seg-anon')).personId).toBe(p.personId);
    expect((await person('seg-legacy-7')).personId).toBe(p.personId);
  });
});

describe('@rudderstack/rudder-sdk-node', () => {
  const sentBodies: Buffer[] = [];
  const requestHeaders: Record<string, unknown>[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    const client = new RudderAnalytics(server.credentials.writeKey, {
      dataPlaneUrl: server.url,
      flushAt: 3,
      flushInterval: 50,
      retryCount: 0,
      logLevel: 'error',
      errorHandler: (error) => errors.push(error),
    });
    // Only watches what axios put on the wire; the request itself is untouched.
    const axios = (client as unknown as { axiosInstance: { interceptors: { response: { use(f: (r: { request: { getHeaders(): Record<string, unknown> } }) => unknown): void } } } }).axiosInstance;
    axios.interceptors.response.use((response) => {
      requestHeaders.push(response.request.getHeaders());
      return response;
    });

    const delivered: Promise<void>[] = [];
    const call = <T,>(send: (params: T, callback: () => void) => unknown, params: T) => {
      delivered.push(
        new Promise<void>((resolve) => {
          send.call(client, params, ((error?: unknown, data?: unknown) => {
            if (error) errors.push(error);
            if (Buffer.isBuffer(data)) sentBodies.push(data);
            resolve();
          }) as () => void);
        }),
      );
    };
    call(client.identify, { userId: 'rs-user', anonymousId: 'rs-anon', traits: { email: 'rio@example.com', plan: 'trial' } });
    call(client.page, { anonymousId: 'rs-anon', name: 'Docs', category: 'Support', properties: { path: '/docs' } });
    call(client.track, { userId: 'rs-user', event: 'Report Exported', properties: { format: 'csv', rows: 1200 } });
    call(client.group, { userId: 'rs-user', groupId: 'rs-org', traits: { name: 'Globex' } });
    call(client.identify, { userId: 'rs-user', traits: { plan: 'enterprise' } });
    call(client.alias, { userId: 'rs-user', previousId: 'rs-legacy' });
    await client.flush();
    await Promise.all(delivered);
  });

  const sent = () => {
    const byId = new Map<string, SentMessage>();
    for (const body of sentBodies) for (const m of (JSON.parse(gunzipSync(body).toString('utf8')) as { batch: SentMessage[] }).batch) byId.set(m.messageId, m);
    return [...byId.values()];
  };

  it('sent gzip batches and no call failed', () => {
    expect(errors).toEqual([]);
    expect(requestHeaders.length).toBeGreaterThanOrEqual(2);
    for (const headers of requestHeaders) expect(headers['content-encoding']).toBe('gzip');
  });

  it('every call is stored once, with its fields and the messageId the library made', async () => {
    await expectAllStored(sent(), ['identify', 'page', 'track', 'group', 'identify', 'alias']);
    expect(sent()[0]!.context?.library?.name).toBe('analytics-node');
  });

  it('traits are merged on one person, known by every id', async () => {
    const p = await person('rs-user');
    expect(p.traits).toEqual({ email: 'rio@example.com', plan: 'enterprise' });
    expect(p.userIds.sort()).toEqual(['rs-legacy', 'rs-user']);
    expect(p.anonymousIds).toEqual(['rs-anon']);
    expect(p.eventCount).toBe(6);
    expect((await person('rs-legacy')).personId).toBe(p.personId);
  });
});
