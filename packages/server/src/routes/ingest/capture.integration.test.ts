import { rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, getJson, postJson, startTestServer, tempDataDir, type TestServer } from '../../testing/test-server.ts';

/** Segment's HTTP Tracking API as Waymark stores it: every call type, auth, encodings, clock skew, dedup, channels. */

interface ApiEvent {
  id: string;
  type: string;
  event: string;
  anonymousId: string | null;
  userId: string | null;
  personId: string | null;
  sessionId: string | null;
  channel: string;
  timestamp: string;
  receivedAt: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.destroy());

const iso = (ms: number) => new Date(ms).toISOString();
const send = (path: string, body: unknown, headers: Record<string, string> = { authorization: server.writeAuth }) => postJson(`${server.url}${path}`, body, headers);

async function allEvents(target: TestServer = server): Promise<ApiEvent[]> {
  const page = await getJson(`${target.url}/api/projects/default/events?limit=1000`, { authorization: target.readAuth });
  expect(page.status).toBe(200);
  expect(page.body.next).toBeNull();
  return page.body.events as ApiEvent[];
}

/** Every stored event with this messageId (dedup means there should be at most one). */
async function stored(id: string, target: TestServer = server): Promise<ApiEvent[]> {
  return (await allEvents(target)).filter((e) => e.id === id);
}

async function storedOnce(id: string): Promise<ApiEvent> {
  const found = await stored(id);
  expect(found, `events stored with messageId ${id}`).toHaveLength(1);
  return found[0]!;
}

async function person(id: string) {
  const answer = await getJson(`${server.url}/api/projects/default/persons/${encodeURIComponent(id)}`, { authorization: server.readAuth });
  expect(answer.status).toBe(200);
  return answer.body as { personId: string; userIds: string[]; anonymousIds: string[]; traits: Record<string, unknown>; channels: string[] };
}

async function postRaw(path: string, body: Uint8Array | string, headers: Record<string, string>) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, body: JSON.parse(await response.text()) as unknown };
}

const OK = (accepted: number, duplicates = 0, skipped = 0) => ({ status: 200, body: { success: true, accepted, duplicates, skipped } });

describe('each call type stores what it should', () => {
  const cases = [
    {
      call: 'track',
      body: { messageId: 'cap-track', userId: 'cap-u1', event: 'Order Completed', properties: { total: 42, currency: 'EUR' } },
      expected: { type: 'track', event: 'Order Completed', userId: 'cap-u1', anonymousId: null, properties: { total: 42, currency: 'EUR' } },
    },
    {
      call: 'identify',
      body: { messageId: 'cap-identify', userId: 'cap-u2', anonymousId: 'cap-a2', traits: { email: 'ada@example.com', plan: 'pro' } },
      expected: { type: 'identify', event: '$identify', userId: 'cap-u2', anonymousId: 'cap-a2', properties: { email: 'ada@example.com', plan: 'pro' } },
    },
    {
      call: 'page',
      body: { messageId: 'cap-page', anonymousId: 'cap-a3', name: 'Pricing', category: 'Marketing', properties: { path: '/pricing' } },
      expected: { type: 'page', event: '$page', userId: null, anonymousId: 'cap-a3', properties: { path: '/pricing', name: 'Pricing', category: 'Marketing' } },
    },
    {
      call: 'screen',
      body: { messageId: 'cap-screen', userId: 'cap-u4', name: 'Home', properties: { tab: 'feed' } },
      expected: { type: 'screen', event: '$screen', userId: 'cap-u4', properties: { tab: 'feed', name: 'Home' }, channel: 'mobile' },
    },
    {
      call: 'group',
      body: { messageId: 'cap-group', userId: 'cap-u5', groupId: 'acme', traits: { seats: 10 } },
      expected: { type: 'group', event: '$group', userId: 'cap-u5', properties: { seats: 10, groupId: 'acme' } },
    },
    {
      call: 'alias',
      body: { messageId: 'cap-alias', previousId: 'cap-old', userId: 'cap-new' },
      expected: { type: 'alias', event: '$alias', userId: 'cap-new', properties: { previousId: 'cap-old' } },
    },
  ] as const;

  for (const c of cases) {
    it(`/v1/${c.call}`, async () => {
      expect(await send(`/v1/${c.call}`, c.body)).toEqual(OK(1));
      const e = await storedOnce(c.body.messageId);
      expect(e).toMatchObject({ channel: 'web', ...c.expected });
      expect(Math.abs(Date.parse(e.timestamp) - Date.now())).toBeLessThan(10_000);
    });
  }

  it('identify merges traits into the person, readable by either id', async () => {
    const p = await person('cap-a2');
    expect(p.traits).toEqual({ email: 'ada@example.com', plan: 'pro' });
    expect(p.userIds).toEqual(['cap-u2']);
    expect(p.anonymousIds).toEqual(['cap-a2']);
    expect((await person('cap-u2')).personId).toBe(p.personId);
  });

  it('alias links the previous id to the user', async () => {
    expect((await person('cap-old')).personId).toBe((await person('cap-new')).personId);
  });

  it('a message without messageId gets an id of its own', async () => {
    expect(await send('/v1/track', { userId: 'cap-noid', event: 'No Id' })).toEqual(OK(1));
    const found = (await allEvents()).filter((e) => e.userId === 'cap-noid');
    expect(found).toHaveLength(1);
    expect(found[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  for (const url of ['/v1/batch', '/v1/import']) {
    it(`${url} stores a mixed batch of every type`, async () => {
      const tag = url.slice(4);
      const batch = [
        { type: 'page', messageId: `${tag}-1`, anonymousId: `${tag}-anon`, name: 'Home' },
        { type: 'identify', messageId: `${tag}-2`, anonymousId: `${tag}-anon`, userId: `${tag}-user`, traits: { plan: 'free' } },
        { type: 'track', messageId: `${tag}-3`, userId: `${tag}-user`, event: 'Trial Started', properties: { days: 14 } },
        { type: 'screen', messageId: `${tag}-4`, userId: `${tag}-user`, name: 'Settings' },
        { type: 'group', messageId: `${tag}-5`, userId: `${tag}-user`, groupId: `${tag}-org` },
        { type: 'alias', messageId: `${tag}-6`, previousId: `${tag}-legacy`, userId: `${tag}-user` },
      ];
      expect(await send(url, { batch })).toEqual(OK(6));
      const events = (await allEvents()).filter((e) => e.id.startsWith(`${tag}-`));
      expect(events.map((e) => [e.id, e.type, e.event]).sort()).toEqual([
        [`${tag}-1`, 'page', '$page'],
        [`${tag}-2`, 'identify', '$identify'],
        [`${tag}-3`, 'track', 'Trial Started'],
        [`${tag}-4`, 'screen', '$screen'],
        [`${tag}-5`, 'group', '$group'],
        [`${tag}-6`, 'alias', '$alias'],
      ]);
      // One person: the anonymous visitor, the user and the aliased legacy id.
      expect(new Set(events.map((e) => e.personId)).size).toBe(1);
      const p = await person(`${tag}-legacy`);
      expect(p.userIds.sort()).toEqual([`${tag}-legacy`, `${tag}-user`]);
      expect(p.traits).toEqual({ plan: 'free' });
    });
  }
});

describe('the write key', () => {
  it('is accepted as the Basic auth user name', async () => {
    expect(await send('/v1/track', { messageId: 'key-basic', userId: 'k1', event: 'Basic' }, { authorization: basic(server.credentials.writeKey) })).toEqual(OK(1));
    await storedOnce('key-basic');
  });

  it('is accepted as writeKey in the body of a single call and of a batch', async () => {
    const writeKey = server.credentials.writeKey;
    expect(await send('/v1/track', { writeKey, messageId: 'key-body', userId: 'k1', event: 'Body' }, {})).toEqual(OK(1));
    expect(await send('/v1/batch', { writeKey, batch: [{ type: 'track', messageId: 'key-body-batch', userId: 'k1', event: 'Body' }] }, {})).toEqual(OK(1));
    const e = await storedOnce('key-body');
    await storedOnce('key-body-batch');
    expect(JSON.stringify(e)).not.toContain(writeKey);
  });
});

describe('encodings and content types', () => {
  it('inflates a gzip body', async () => {
    const body = gzipSync(JSON.stringify({ batch: [{ type: 'track', messageId: 'enc-gzip', userId: 'e1', event: 'Zipped', properties: { n: 1 } }] }));
    const answer = await postRaw('/v1/batch', body, { authorization: server.writeAuth, 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(answer).toEqual(OK(1));
    expect((await storedOnce('enc-gzip')).properties).toEqual({ n: 1 });
  });

  it('takes RudderStack-style gzip JSON labelled application/x-www-form-urlencoded', async () => {
    const body = gzipSync(JSON.stringify({ batch: [{ type: 'track', messageId: 'enc-rudder', userId: 'e1', event: 'Rudder' }], sentAt: iso(Date.now()) }));
    const answer = await postRaw('/v1/batch', body, {
      authorization: server.writeAuth,
      'content-type': 'application/x-www-form-urlencoded',
      'content-encoding': 'gzip',
    });
    expect(answer).toEqual(OK(1));
    expect((await storedOnce('enc-rudder')).event).toBe('Rudder');
  });

  it('takes JSON labelled text/plain (as navigator.sendBeacon sends it)', async () => {
    const body = JSON.stringify({ messageId: 'enc-text', anonymousId: 'e2', event: 'Beacon' });
    expect(await postRaw('/v1/track', body, { authorization: server.writeAuth, 'content-type': 'text/plain;charset=UTF-8' })).toEqual(OK(1));
    await storedOnce('enc-text');
  });

  it('answers a CORS preflight from any origin', async () => {
    const response = await fetch(`${server.url}/v1/batch`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('puts CORS headers on the capture answer itself', async () => {
    const response = await fetch(`${server.url}/v1/track`, {
      method: 'POST',
      headers: { origin: 'https://shop.example', authorization: server.writeAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ messageId: 'enc-cors', anonymousId: 'e3', event: 'Cross Origin' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });
});

describe('timestamps', () => {
  const HOUR = 3_600_000;
  const GAP = 10 * 60_000;

  it('corrects a client clock one hour fast with the message sentAt', async () => {
    const clientNow = Date.now() + HOUR;
    expect(await send('/v1/track', { messageId: 'ts-skew', userId: 't1', event: 'Skewed', timestamp: iso(clientNow - GAP), sentAt: iso(clientNow) })).toEqual(OK(1));
    const e = await storedOnce('ts-skew');
    const receivedAt = Date.parse(e.receivedAt);
    expect(Date.parse(e.timestamp)).toBe(receivedAt - GAP);
    expect(Math.abs(Date.parse(e.timestamp) - (Date.now() - GAP))).toBeLessThan(5_000);
  });

  it('corrects with the batch sentAt, and a message sentAt wins over it', async () => {
    const clientNow = Date.now() + HOUR;
    const batch = [
      { type: 'track', messageId: 'ts-batch', userId: 't1', event: 'Skewed', timestamp: iso(clientNow - GAP) },
      // This message's own clock is 2 hours slow, not 1 hour fast.
      { type: 'track', messageId: 'ts-own', userId: 't1', event: 'Skewed', timestamp: iso(Date.now() - 2 * HOUR - GAP), sentAt: iso(Date.now() - 2 * HOUR) },
      { type: 'track', messageId: 'ts-original', userId: 't1', event: 'Skewed', originalTimestamp: iso(clientNow - 2 * GAP), timestamp: iso(clientNow) },
    ];
    expect(await send('/v1/batch', { batch, sentAt: iso(clientNow) })).toEqual(OK(3));
    for (const [id, gap] of [['ts-batch', GAP], ['ts-own', GAP], ['ts-original', 2 * GAP]] as const) {
      const e = await storedOnce(id);
      expect(Date.parse(e.timestamp), id).toBe(Date.parse(e.receivedAt) - gap);
      expect(Math.abs(Date.parse(e.timestamp) - (Date.now() - gap)), id).toBeLessThan(5_000);
    }
  });

  it('keeps a timestamp sent without sentAt as is (an offset is converted to UTC)', async () => {
    expect(await send('/v1/track', { messageId: 'ts-asis', userId: 't2', event: 'Backfilled', timestamp: '2024-03-05T10:20:30.123Z' })).toEqual(OK(1));
    expect(await send('/v1/track', { messageId: 'ts-offset', userId: 't2', event: 'Backfilled', timestamp: '2024-03-05T12:20:30.123+02:00' })).toEqual(OK(1));
    expect((await storedOnce('ts-asis')).timestamp).toBe('2024-03-05T10:20:30.123Z');
    expect((await storedOnce('ts-offset')).timestamp).toBe('2024-03-05T10:20:30.123Z');
  });

  it('uses the arrival time when no timestamp is sent', async () => {
    expect(await send('/v1/track', { messageId: 'ts-none', userId: 't3', event: 'Now' })).toEqual(OK(1));
    const e = await storedOnce('ts-none');
    expect(e.timestamp).toBe(e.receivedAt);
  });
});

describe('integrations', () => {
  it('acknowledges but does not store a message with Waymark: false or All: false', async () => {
    expect(await send('/v1/track', { messageId: 'int-off', userId: 'i1', event: 'Hidden', integrations: { Waymark: false } })).toEqual(OK(0, 0, 1));
    expect(await send('/v1/track', { messageId: 'int-all-off', userId: 'i1', event: 'Hidden', integrations: { All: false, Mixpanel: true } })).toEqual(OK(0, 0, 1));
    expect(await stored('int-off')).toEqual([]);
    expect(await stored('int-all-off')).toEqual([]);
  });

  it('stores a message with All: false but Waymark: true', async () => {
    expect(await send('/v1/track', { messageId: 'int-on', userId: 'i1', event: 'Shown', integrations: { All: false, Waymark: true } })).toEqual(OK(1));
    await storedOnce('int-on');
  });

  it('applies batch-level integrations to messages without their own', async () => {
    const batch = [
      { type: 'track', messageId: 'int-batch-skip', userId: 'i2', event: 'Hidden' },
      { type: 'track', messageId: 'int-batch-keep', userId: 'i2', event: 'Shown', integrations: { Waymark: true } },
    ];
    expect(await send('/v1/batch', { batch, integrations: { Waymark: false } })).toEqual(OK(1, 0, 1));
    expect(await stored('int-batch-skip')).toEqual([]);
    await storedOnce('int-batch-keep');
  });
});

describe('channels', () => {
  let supportKey: string;
  beforeAll(async () => {
    const created = await postJson(`${server.url}/api/projects/default/keys`, { kind: 'write', name: 'Helpdesk', channel: 'support' }, { authorization: server.readAuth });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatchObject({ kind: 'write', name: 'Helpdesk', channel: 'support', revokedAt: null });
    supportKey = created.body.token;
  });

  const cases = [
    { name: 'context.channel', call: 'track', body: { event: 'Email Opened', context: { channel: 'email' } }, channel: 'email' },
    { name: 'a server library', call: 'track', body: { event: 'Invoice Paid', context: { library: { name: 'analytics-node', version: '1.0.0' } } }, channel: 'server' },
    { name: 'a mobile library', call: 'track', body: { event: 'Tapped', context: { library: { name: 'analytics-ios' } } }, channel: 'mobile' },
    { name: 'a screen call', call: 'screen', body: { name: 'Home' }, channel: 'mobile' },
    { name: 'a browser event', call: 'track', body: { event: 'Clicked', context: { library: { name: 'analytics.js' } } }, channel: 'web' },
    { name: 'an invalid context.channel (ignored)', call: 'page', body: { context: { channel: 'Not A Channel' } }, channel: 'web' },
  ];
  for (const [i, c] of cases.entries()) {
    it(`comes from ${c.name}: ${c.channel}`, async () => {
      expect(await send(`/v1/${c.call}`, { messageId: `ch-${i}`, userId: 'ch-user', ...c.body })).toEqual(OK(1));
      expect((await storedOnce(`ch-${i}`)).channel).toBe(c.channel);
    });
  }

  it('comes from the key the event was sent with, unless the event names its own', async () => {
    const auth = { authorization: basic(supportKey) };
    expect(await send('/v1/track', { messageId: 'ch-key', userId: 'ch-user', event: 'Ticket Created' }, auth)).toEqual(OK(1));
    expect(await send('/v1/screen', { messageId: 'ch-key-screen', userId: 'ch-user', name: 'Inbox' }, auth)).toEqual(OK(1));
    expect(await send('/v1/track', { messageId: 'ch-key-own', userId: 'ch-user', event: 'CSAT', context: { channel: 'survey' } }, auth)).toEqual(OK(1));
    expect((await storedOnce('ch-key')).channel).toBe('support');
    expect((await storedOnce('ch-key-screen')).channel).toBe('support');
    expect((await storedOnce('ch-key-own')).channel).toBe('survey');
  });
});

describe('deduplication by messageId', () => {
  it('stores a message sent twice once, and counts the second as a duplicate', async () => {
    expect(await send('/v1/track', { messageId: 'dup-1', userId: 'd1', event: 'Paid', properties: { attempt: 1 } })).toEqual(OK(1));
    expect(await send('/v1/track', { messageId: 'dup-1', userId: 'd1', event: 'Paid', properties: { attempt: 2 } })).toEqual(OK(0, 1));
    expect((await storedOnce('dup-1')).properties).toEqual({ attempt: 1 });
  });

  it('stores a message repeated within one batch once', async () => {
    const message = { type: 'track', messageId: 'dup-2', userId: 'd1', event: 'Paid' };
    expect(await send('/v1/batch', { batch: [message, { type: 'page', messageId: 'dup-2b', userId: 'd1' }, message] })).toEqual(OK(2, 1));
    await storedOnce('dup-2');
    await storedOnce('dup-2b');
  });

  it('recognizes a retry across call types (a single call, then the same message in a batch)', async () => {
    expect(await send('/v1/track', { messageId: 'dup-3', userId: 'd1', event: 'Paid' })).toEqual(OK(1));
    expect(await send('/v1/batch', { batch: [{ type: 'track', messageId: 'dup-3', userId: 'd1', event: 'Paid' }] })).toEqual(OK(0, 1));
    await storedOnce('dup-3');
  });

  it('remembers message ids across a restart', async () => {
    const dataDir = tempDataDir();
    try {
      const first = await startTestServer({ dataDir });
      const message = { messageId: 'dup-restart', userId: 'd2', event: 'Paid' };
      try {
        expect(await postJson(`${first.url}/v1/track`, message, { authorization: first.writeAuth })).toEqual(OK(1));
      } finally {
        await first.stop();
      }
      const second = await startTestServer({ dataDir });
      try {
        expect(second.credentials.writeKey).toBe(first.credentials.writeKey);
        expect(await postJson(`${second.url}/v1/track`, message, { authorization: second.writeAuth })).toEqual(OK(0, 1));
        expect(await postJson(`${second.url}/v1/batch`, { batch: [{ type: 'track', ...message }] }, { authorization: second.writeAuth })).toEqual(OK(0, 1));
        expect(await stored('dup-restart', second)).toHaveLength(1);
        expect(await allEvents(second)).toHaveLength(1);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('page calls', () => {
  it('put name and category into properties, next to the page properties', async () => {
    const body = { messageId: 'page-nc', anonymousId: 'p1', name: 'Checkout', category: 'Shop', properties: { path: '/checkout', title: 'Pay' } };
    expect(await send('/v1/page', body)).toEqual(OK(1));
    expect((await storedOnce('page-nc')).properties).toEqual({ path: '/checkout', title: 'Pay', name: 'Checkout', category: 'Shop' });
  });

  it('leave properties alone when name and category are absent or null', async () => {
    expect(await send('/v1/page', { messageId: 'page-plain', anonymousId: 'p1', name: null, properties: { path: '/' } })).toEqual(OK(1));
    expect((await storedOnce('page-plain')).properties).toEqual({ path: '/' });
  });
});
