import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

/**
 * Bad input is refused with the catalogued code and the path of the offending field, and
 * stores nothing: not one event of a request with one bad message, not even a dedup entry.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.destroy());

async function eventCount(): Promise<number> {
  const page = await getJson(`${server.url}/api/projects/default/events?limit=1000`, { authorization: server.readAuth });
  expect(page.status).toBe(200);
  return page.body.events.length as number;
}

const track = (i: number) => ({ type: 'track', messageId: `good-${i}`, userId: `user-${i}`, event: 'Viewed Item', properties: { i } });
const blob = (chars: number) => 'x'.repeat(chars);
const gzipJson = (value: unknown) => gzipSync(JSON.stringify(value));

interface IngestCase {
  readonly name: string;
  readonly url: string;
  /** An object is sent as JSON; a string or bytes as they are. */
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly code: string;
  readonly path: string | null;
}

const INGEST_CASES: readonly IngestCase[] = [
  // Bodies that are not JSON
  { name: 'malformed JSON', url: '/v1/track', body: '{"userId": "u1", "event": ', status: 400, code: 'WM_INGEST_MALFORMED_JSON', path: null },
  { name: 'malformed JSON in a batch', url: '/v1/batch', body: '{"batch": [}', status: 400, code: 'WM_INGEST_MALFORMED_JSON', path: null },
  { name: 'an empty body', url: '/v1/track', body: '', status: 400, code: 'WM_INGEST_MALFORMED_JSON', path: null },
  { name: 'an empty gzip body', url: '/v1/batch', body: gzipSync(''), headers: { 'content-encoding': 'gzip' }, status: 400, code: 'WM_INGEST_MALFORMED_JSON', path: null },
  { name: 'a body that is not gzip', url: '/v1/batch', body: JSON.stringify({ batch: [track(1)] }), headers: { 'content-encoding': 'gzip' }, status: 400, code: 'WM_INGEST_MALFORMED_JSON', path: 'content-encoding' },
  { name: 'truncated gzip', url: '/v1/batch', body: gzipJson({ batch: [track(1)] }).subarray(0, 30), headers: { 'content-encoding': 'gzip' }, status: 400, code: 'WM_INGEST_MALFORMED_JSON', path: 'content-encoding' },
  { name: 'gzip of something that is not JSON', url: '/v1/batch', body: gzipSync('batch=1'), headers: { 'content-encoding': 'gzip' }, status: 400, code: 'WM_INGEST_MALFORMED_JSON', path: null },
  { name: 'an unsupported content-encoding', url: '/v1/batch', body: { batch: [track(1)] }, headers: { 'content-encoding': 'br' }, status: 415, code: 'WM_INGEST_UNSUPPORTED_ENCODING', path: 'content-encoding' },
  { name: 'a JSON array instead of an object', url: '/v1/track', body: [track(1)], status: 400, code: 'WM_INGEST_INVALID_FIELD', path: null },

  // Fields of the wrong type
  { name: 'properties as a string', url: '/v1/track', body: { userId: 'u1', event: 'E', properties: 'x' }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'properties' },
  { name: 'properties as a string in a batch', url: '/v1/batch', body: { batch: [track(1), { ...track(2), properties: 'x' }] }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'batch[1].properties' },
  { name: 'a numeric event name', url: '/v1/track', body: { userId: 'u1', event: 5 }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'event' },
  { name: 'traits as an array', url: '/v1/identify', body: { userId: 'u1', traits: ['a'] }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'traits' },
  { name: 'context as a string in a batch', url: '/v1/batch', body: { batch: [{ ...track(1), context: 'web' }] }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'batch[0].context' },
  { name: 'a userId object', url: '/v1/track', body: { userId: { id: 1 }, event: 'E' }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'userId' },
  { name: 'an empty messageId', url: '/v1/track', body: { userId: 'u1', event: 'E', messageId: '' }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'messageId' },
  { name: 'batch that is not an array', url: '/v1/batch', body: { batch: track(1) }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'batch' },
  { name: 'a call of another type on a single-call endpoint', url: '/v1/track', body: { type: 'identify', userId: 'u1', event: 'E' }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'type' },

  // Missing fields
  { name: 'a track without event', url: '/v1/track', body: { userId: 'u1' }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'event' },
  { name: 'a track with an empty event', url: '/v1/batch', body: { batch: [track(1), { ...track(2), event: '' }] }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'batch[1].event' },
  { name: 'neither userId nor anonymousId', url: '/v1/track', body: { event: 'E' }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'userId' },
  { name: 'empty userId and null anonymousId', url: '/v1/page', body: { userId: '', anonymousId: null }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'userId' },
  { name: 'an alias without previousId', url: '/v1/alias', body: { userId: 'u1' }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'previousId' },
  { name: 'an alias without userId', url: '/v1/alias', body: { previousId: 'a1', anonymousId: 'a1' }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'userId' },
  { name: 'a screen without anyone', url: '/v1/screen', body: { name: 'Home' }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'userId' },
  { name: 'a screen name that is not a string', url: '/v1/screen', body: { userId: 'u1', name: ['Home'] }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'name' },
  { name: 'a group without groupId', url: '/v1/group', body: { userId: 'u1', traits: { seats: 3 } }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'groupId' },
  { name: 'a batch message without type', url: '/v1/batch', body: { batch: [{ userId: 'u1', event: 'E' }] }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'batch[0].type' },
  { name: 'a batch body without batch', url: '/v1/batch', body: { sentAt: '2024-01-01T00:00:00Z' }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'batch' },

  // Unknown types, empty batches
  { name: 'an unknown type in a batch', url: '/v1/batch', body: { batch: [{ type: 'purchase', userId: 'u1' }, track(2)] }, status: 400, code: 'WM_INGEST_UNKNOWN_TYPE', path: 'batch[0].type' },
  { name: 'an empty batch', url: '/v1/batch', body: { batch: [] }, status: 400, code: 'WM_INGEST_EMPTY_BATCH', path: 'batch' },
  { name: 'an empty import', url: '/v1/import', body: { batch: [] }, status: 400, code: 'WM_INGEST_EMPTY_BATCH', path: 'batch' },

  // Sizes (measured on the decompressed JSON)
  { name: 'an event over 32 KB', url: '/v1/track', body: { userId: 'u1', event: 'E', properties: { blob: blob(40_000) } }, status: 413, code: 'WM_INGEST_EVENT_TOO_LARGE', path: null },
  { name: 'an event just over 32 KB once stored', url: '/v1/track', body: { userId: 'u1', event: 'E', properties: { blob: blob(32_700) } }, status: 413, code: 'WM_INGEST_EVENT_TOO_LARGE', path: null },
  { name: 'a gzip event over 32 KB', url: '/v1/track', body: gzipJson({ userId: 'u1', event: 'E', properties: { blob: blob(40_000) } }), headers: { 'content-encoding': 'gzip' }, status: 413, code: 'WM_INGEST_EVENT_TOO_LARGE', path: null },
  { name: 'an event over 32 KB inside a batch', url: '/v1/batch', body: { batch: [track(1), track(2), { ...track(3), properties: { blob: blob(40_000) } }] }, status: 413, code: 'WM_INGEST_EVENT_TOO_LARGE', path: 'batch[2]' },
  { name: 'a batch over 500 KB', url: '/v1/batch', body: { batch: Array.from({ length: 20 }, (_, i) => ({ ...track(i), properties: { blob: blob(30_000) } })) }, status: 413, code: 'WM_INGEST_BATCH_TOO_LARGE', path: null },
  {
    name: 'a batch under 500 KB gzipped but over it inflated',
    url: '/v1/batch',
    body: gzipJson({ batch: Array.from({ length: 20 }, (_, i) => ({ ...track(i), properties: { blob: blob(30_000) } })) }),
    headers: { 'content-encoding': 'gzip' },
    status: 413,
    code: 'WM_INGEST_BATCH_TOO_LARGE',
    path: null,
  },
  {
    name: 'a gzip bomb labelled x-www-form-urlencoded',
    url: '/v1/batch',
    body: gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)),
    headers: { 'content-encoding': 'gzip', 'content-type': 'application/x-www-form-urlencoded' },
    status: 413,
    code: 'WM_INGEST_BATCH_TOO_LARGE',
    path: null,
  },

  // Timestamps
  { name: 'timestamp "yesterday"', url: '/v1/track', body: { userId: 'u1', event: 'E', timestamp: 'yesterday' }, status: 400, code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'timestamp' },
  { name: 'February 30th', url: '/v1/batch', body: { batch: [track(1), { ...track(2), timestamp: '2024-02-30T00:00:00Z' }] }, status: 400, code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'batch[1].timestamp' },
  { name: 'a numeric timestamp', url: '/v1/track', body: { userId: 'u1', event: 'E', timestamp: 1_700_000_000_000 }, status: 400, code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'timestamp' },
  { name: 'a numeric timestamp in a batch', url: '/v1/batch', body: { batch: [{ ...track(1), timestamp: 1_700_000_000 }] }, status: 400, code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'batch[0].timestamp' },
  { name: 'hour 24', url: '/v1/page', body: { anonymousId: 'a1', timestamp: '2024-01-01T24:00:00Z' }, status: 400, code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'timestamp' },
  { name: 'an invalid originalTimestamp', url: '/v1/track', body: { userId: 'u1', event: 'E', originalTimestamp: '01/02/2024' }, status: 400, code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'originalTimestamp' },
  { name: 'an invalid message sentAt', url: '/v1/track', body: { userId: 'u1', event: 'E', timestamp: '2024-01-01T00:00:00Z', sentAt: 'now' }, status: 400, code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'sentAt' },
  { name: 'an invalid batch sentAt', url: '/v1/batch', body: { batch: [{ ...track(1), timestamp: '2024-01-01T00:00:00Z' }], sentAt: 'Tue, 02 Jan 2024 10:00:00 GMT' }, status: 400, code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'sentAt' },

  // Keys
  { name: 'no key', url: '/v1/track', body: { userId: 'u1', event: 'E' }, headers: { authorization: '' }, status: 401, code: 'WM_AUTH_MISSING_KEY', path: 'authorization' },
  { name: 'an empty writeKey in the body', url: '/v1/batch', body: { writeKey: '', batch: [track(1)] }, headers: { authorization: '' }, status: 401, code: 'WM_AUTH_MISSING_KEY', path: 'authorization' },
  { name: 'a key that is not a key', url: '/v1/track', body: { userId: 'u1', event: 'E' }, headers: { authorization: basic('not-a-key') }, status: 401, code: 'WM_AUTH_INVALID_KEY', path: 'authorization' },
  { name: 'a well-formed key nobody issued', url: '/v1/batch', body: { batch: [track(1)] }, headers: { authorization: basic('wm_wk_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB') }, status: 401, code: 'WM_AUTH_INVALID_KEY', path: 'authorization' },
  { name: 'a wrong writeKey in the body', url: '/v1/batch', body: { writeKey: 'wm_wk_nope', batch: [track(1)] }, headers: { authorization: '' }, status: 401, code: 'WM_AUTH_INVALID_KEY', path: 'authorization' },

  // All or nothing: one bad message among good ones stores none of them
  { name: '9 good and 1 with a bad field', url: '/v1/batch', body: { batch: [...Array.from({ length: 9 }, (_, i) => track(i)), { ...track(9), properties: 'x' }] }, status: 400, code: 'WM_INGEST_INVALID_FIELD', path: 'batch[9].properties' },
  { name: '9 good and 1 without event', url: '/v1/batch', body: { batch: Array.from({ length: 10 }, (_, i) => (i === 4 ? { ...track(i), event: undefined } : track(i))) }, status: 400, code: 'WM_INGEST_MISSING_FIELD', path: 'batch[4].event' },
  { name: '9 good and 1 too large', url: '/v1/batch', body: { batch: Array.from({ length: 10 }, (_, i) => (i === 7 ? { ...track(i), properties: { blob: blob(40_000) } } : track(i))) }, status: 413, code: 'WM_INGEST_EVENT_TOO_LARGE', path: 'batch[7]' },
  { name: '9 good and 1 with a bad timestamp', url: '/v1/import', body: { batch: Array.from({ length: 10 }, (_, i) => (i === 9 ? { ...track(i), timestamp: '2024-02-30' } : track(i))) }, status: 400, code: 'WM_INGEST_INVALID_TIMESTAMP', path: 'batch[9].timestamp' },
];

describe('bad capture input is refused and stores nothing', () => {
  for (const c of INGEST_CASES) {
    it(`${c.name}: ${c.status} ${c.code} at ${c.path ?? '(body)'}`, async () => {
      const before = await eventCount();
      const acknowledged = server.runtime.pipeline.acknowledgedSeq;
      const raw = typeof c.body === 'string' || c.body instanceof Uint8Array;
      const headers: Record<string, string> = { authorization: server.writeAuth, 'content-type': 'application/json', ...c.headers };
      if (headers['authorization'] === '') delete headers['authorization'];
      const response = await fetch(`${server.url}${c.url}`, { method: 'POST', headers, body: raw ? (c.body as string | Uint8Array) : JSON.stringify(c.body) });
      const body = JSON.parse(await response.text());
      expect({ status: response.status, code: body.error?.code, path: body.error?.path }).toEqual({ status: c.status, code: c.code, path: c.path });
      expect(typeof body.error.message).toBe('string');
      expect(server.runtime.pipeline.acknowledgedSeq, 'nothing appended to the log').toBe(acknowledged);
      expect(await eventCount(), 'nothing stored').toBe(before);
    });
  }

  it('leaves no trace of a refused batch: its good messages are stored when sent again', async () => {
    const good = Array.from({ length: 9 }, (_, i) => track(i));
    const refused = await postJson(`${server.url}/v1/batch`, { batch: [...good, { type: 'track', userId: 'u1' }] }, { authorization: server.writeAuth });
    expect(refused.status).toBe(400);
    const retried = await postJson(`${server.url}/v1/batch`, { batch: good }, { authorization: server.writeAuth });
    expect(retried).toEqual({ status: 200, body: { success: true, accepted: 9, duplicates: 0, skipped: 0 } });
    expect(await eventCount()).toBe(9);
  });

  it('still accepts a batch just under the limits', async () => {
    // 15 messages of about 30 KB: each under 32 KB, together under 500 KB.
    const batch = Array.from({ length: 15 }, (_, i) => ({ ...track(100 + i), properties: { blob: blob(30_000) } }));
    expect(JSON.stringify({ batch }).length).toBeLessThan(500 * 1024);
    const answer = await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth });
    expect(answer).toEqual({ status: 200, body: { success: true, accepted: 15, duplicates: 0, skipped: 0 } });
  });
});

describe('bad input on the read API', () => {
  const cases = [
    { url: '/api/projects/default/events?limit=0', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.limit' },
    { url: '/api/projects/default/events?limit=abc', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.limit' },
    { url: '/api/projects/default/events?limit=1001', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.limit' },
    { url: '/api/projects/default/events?limit=2.5', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.limit' },
    { url: '/api/projects/default/events?from=notadate', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.from' },
    { url: '/api/projects/default/events?to=2024-02-30T00:00:00Z', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.to' },
    { url: '/api/projects/default/events?cursor=not-a-cursor', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.cursor' },
    { url: `/api/projects/default/events?cursor=${Buffer.from('12:x').toString('base64url')}`, status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.cursor' },
    { url: '/api/projects/default/events?event=', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.event' },
    { url: '/api/projects/default/persons/user-1/events?limit=0', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.limit' },
    { url: '/api/projects/default/persons/user-1/events?from=soon', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.from' },
    { url: '/api/projects/default/export?format=xml', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.format' },
    { url: '/api/projects/default/export?from=notadate', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.from' },
    { url: '/api/projects/default/export?format=csv&event=', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.event' },
    { url: '/api/projects/default/cohorts/coh_any/persons?limit=-1', status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.limit' },
    { url: '/api/projects/default/journeys/nowhere/versions', status: 404, code: 'WM_JOURNEY_NOT_FOUND', path: 'id' },
    { url: '/api/projects/default/alert-rules/nothing/deliveries', status: 404, code: 'WM_ALERT_RULE_NOT_FOUND', path: 'id' },
    // A project the key does not belong to, or none has, on each route that takes only the project.
    ...['', '/keys', '/cohorts', '/journeys', '/surveys', '/alert-rules', '/settings/replay', '/settings/friction'].map((route) => ({
      url: `/api/projects/no-such-project${route}`,
      status: 403,
      code: 'WM_AUTH_WRONG_PROJECT',
      path: 'project',
    })),
    { url: '/api/projects/default/nothing', status: 404, code: 'WM_ROUTE_NOT_FOUND', path: null },
    { url: '/v1/unknown', status: 404, code: 'WM_ROUTE_NOT_FOUND', path: null },
  ];
  for (const c of cases) {
    it(`GET ${c.url}: ${c.status} ${c.code} at ${c.path}`, async () => {
      const answer = await getJson(`${server.url}${c.url}`, { authorization: server.readAuth });
      expect({ status: answer.status, code: answer.body.error?.code, path: answer.body.error?.path }).toEqual({ status: c.status, code: c.code, path: c.path });
    });
  }

  it('POST /query with a query id longer than 100 characters is 400 naming queryId', async () => {
    const trend = { kind: 'trends', series: [{ matcher: { event: 'E' }, measure: 'count' }], interval: 'day', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };
    const answer = await postJson(`${server.url}/api/projects/default/query?queryId=${'q'.repeat(101)}`, trend, { authorization: server.readAuth });
    expect({ status: answer.status, code: answer.body.error?.code, path: answer.body.error?.path }).toEqual({ status: 400, code: 'WM_REQUEST_INVALID', path: 'querystring.queryId' });
  });

  it('POST to an unknown capture call is 404 WM_ROUTE_NOT_FOUND and stores nothing', async () => {
    const before = await eventCount();
    const answer = await postJson(`${server.url}/v1/purchase`, { userId: 'u1', event: 'E' }, { authorization: server.writeAuth });
    expect({ status: answer.status, code: answer.body.error.code }).toEqual({ status: 404, code: 'WM_ROUTE_NOT_FOUND' });
    expect(await eventCount()).toBe(before);
  });
});

describe('bad input on the key API', () => {
  const keysUrl = () => `${server.url}/api/projects/default/keys`;
  const keyCount = async () => {
    const list = await getJson(keysUrl(), { authorization: server.readAuth });
    expect(list.status).toBe(200);
    return list.body.keys.length as number;
  };

  const cases = [
    // Outside capture, every invalid parameter is WM_REQUEST_INVALID, naming the field.
    { name: "kind 'admin'", body: { kind: 'admin', name: 'Root' }, status: 400, code: 'WM_REQUEST_INVALID', path: 'kind' },
    { name: 'a missing name', body: { kind: 'write' }, status: 400, code: 'WM_REQUEST_INVALID', path: 'name' },
    { name: 'an empty name', body: { kind: 'write', name: '' }, status: 400, code: 'WM_REQUEST_INVALID', path: 'name' },
    { name: "channel 'Not A Channel'", body: { kind: 'write', name: 'Desk', channel: 'Not A Channel' }, status: 400, code: 'WM_REQUEST_INVALID', path: 'channel' },
  ];
  for (const c of cases) {
    it(`POST keys with ${c.name}: ${c.status} ${c.code} at ${c.path}, and no key is created`, async () => {
      const before = await keyCount();
      const answer = await postJson(keysUrl(), c.body, { authorization: server.readAuth });
      expect({ status: answer.status, code: answer.body.error?.code, path: answer.body.error?.path }).toEqual({ status: c.status, code: c.code, path: c.path });
      expect(await keyCount()).toBe(before);
    });
  }

  it('rotating or revoking an unknown key id is 404 WM_KEY_NOT_FOUND', async () => {
    const before = await keyCount();
    const rotated = await postJson(`${keysUrl()}/nosuchkey123/rotate`, {}, { authorization: server.readAuth });
    expect({ status: rotated.status, code: rotated.body.error.code, path: rotated.body.error.path }).toEqual({ status: 404, code: 'WM_KEY_NOT_FOUND', path: 'keyId' });
    const revoked = await fetch(`${keysUrl()}/nosuchkey123`, { method: 'DELETE', headers: { authorization: server.readAuth } });
    expect(revoked.status).toBe(404);
    expect(((await revoked.json()) as { error: { code: string } }).error).toMatchObject({ code: 'WM_KEY_NOT_FOUND', path: 'keyId' });
    expect(await keyCount()).toBe(before);
  });

  it('a write key cannot create keys', async () => {
    const answer = await postJson(keysUrl(), { kind: 'secret', name: 'Escalation' }, { authorization: `Bearer ${server.credentials.writeKey}` });
    expect({ status: answer.status, code: answer.body.error.code }).toEqual({ status: 403, code: 'WM_AUTH_WRITE_KEY_CANNOT_READ' });
  });
});
