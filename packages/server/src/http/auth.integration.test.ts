import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, bearer, getJson, postJson, startTestServer, type TestServer } from '../testing/test-server.ts';

/** Who may read and write what: secret keys read, write keys only write, keys die at once, projects are sealed off. */

let server: TestServer;
/** Every token this file has seen, to look for in the database. */
const tokens: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  tokens.push(server.credentials.writeKey, server.credentials.secretKey);
});
afterAll(() => server.destroy());

const eventsUrl = (project = 'default') => `${server.url}/api/projects/${project}/events?limit=1000`;
const keyId = (token: string) => token.split('_')[2]!;
const credentialsFile = () => JSON.parse(readFileSync(path.join(server.dataDir, 'credentials.json'), 'utf8')) as { projectId: string; writeKey: string; secretKey: string };

/** The default secret key as it is now (a test below rotates it). */
const currentRead = () => bearer(credentialsFile().secretKey);

async function createKey(kind: 'write' | 'secret', name: string, auth = currentRead()): Promise<{ id: string; token: string }> {
  const created = await postJson(`${server.url}/api/projects/default/keys`, { kind, name }, { authorization: auth });
  expect(created.status).toBe(201);
  expect(created.body.key).toMatchObject({ kind, name, channel: null, revokedAt: null });
  tokens.push(created.body.token);
  return { id: created.body.key.id, token: created.body.token };
}

const track = (token: string, messageId: string) => postJson(`${server.url}/v1/track`, { messageId, userId: 'auth-user', event: 'Checked' }, { authorization: basic(token) });
const rotate = (id: string, auth: string) => postJson(`${server.url}/api/projects/default/keys/${id}/rotate`, {}, { authorization: auth });

describe('reading', () => {
  it('a secret key reads with Bearer', async () => {
    expect((await track(server.credentials.writeKey, 'read-1')).status).toBe(200);
    const page = await getJson(eventsUrl(), { authorization: bearer(server.credentials.secretKey) });
    expect(page.status).toBe(200);
    expect(page.body.events.map((e: { id: string }) => e.id)).toContain('read-1');
  });

  it('a write key cannot read: 403 WM_AUTH_WRITE_KEY_CANNOT_READ', async () => {
    for (const url of [eventsUrl(), `${server.url}/api/projects/default/persons/auth-user`, `${server.url}/api/projects/default/keys`]) {
      const answer = await getJson(url, { authorization: bearer(server.credentials.writeKey) });
      expect({ url, status: answer.status, code: answer.body.error.code }).toEqual({ url, status: 403, code: 'WM_AUTH_WRITE_KEY_CANNOT_READ' });
      expect(JSON.stringify(answer.body)).not.toContain('auth-user');
    }
  });

  it('reading needs a Bearer token: none, Basic, or an unknown one are 401', async () => {
    const cases: { headers: Record<string, string>; code: string }[] = [
      { headers: {}, code: 'WM_AUTH_MISSING_KEY' },
      { headers: { authorization: basic(server.credentials.secretKey) }, code: 'WM_AUTH_MISSING_KEY' },
      { headers: { authorization: bearer('wm_sk_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB') }, code: 'WM_AUTH_INVALID_KEY' },
      // The right key id with a wrong secret part.
      { headers: { authorization: bearer(`wm_sk_${keyId(server.credentials.secretKey)}_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB`) }, code: 'WM_AUTH_INVALID_KEY' },
      // A secret key's id and secret presented as a write key.
      { headers: { authorization: bearer(server.credentials.secretKey.replace('wm_sk_', 'wm_wk_')) }, code: 'WM_AUTH_INVALID_KEY' },
    ];
    for (const c of cases) {
      const answer = await getJson(eventsUrl(), c.headers);
      expect({ status: answer.status, code: answer.body.error.code }).toEqual({ status: 401, code: c.code });
    }
  });
});

describe('revoking and rotating', () => {
  it('a revoked secret key stops working at once', async () => {
    const key = await createKey('secret', 'Dashboard');
    expect((await getJson(eventsUrl(), { authorization: bearer(key.token) })).status).toBe(200);
    const revoked = await fetch(`${server.url}/api/projects/default/keys/${key.id}`, { method: 'DELETE', headers: { authorization: currentRead() } });
    expect(revoked.status).toBe(204);
    const after = await getJson(eventsUrl(), { authorization: bearer(key.token) });
    expect({ status: after.status, code: after.body.error.code }).toEqual({ status: 401, code: 'WM_AUTH_INVALID_KEY' });
    const listed = await getJson(`${server.url}/api/projects/default/keys`, { authorization: currentRead() });
    expect(listed.body.keys.find((k: { id: string }) => k.id === key.id).revokedAt).toEqual(expect.any(String));
  });

  it('a revoked write key stops capturing at once', async () => {
    const key = await createKey('write', 'Backend');
    expect((await track(key.token, 'revoke-w-1')).status).toBe(200);
    const revoked = await fetch(`${server.url}/api/projects/default/keys/${key.id}`, { method: 'DELETE', headers: { authorization: currentRead() } });
    expect(revoked.status).toBe(204);
    const after = await track(key.token, 'revoke-w-2');
    expect({ status: after.status, code: after.body.error.code }).toEqual({ status: 401, code: 'WM_AUTH_INVALID_KEY' });
    const ids = (await getJson(eventsUrl(), { authorization: currentRead() })).body.events.map((e: { id: string }) => e.id);
    expect(ids).toContain('revoke-w-1');
    expect(ids).not.toContain('revoke-w-2');
  });

  it('rotating a write key: the old one is refused, the new one works, with the same name and channel', async () => {
    const created = await postJson(`${server.url}/api/projects/default/keys`, { kind: 'write', name: 'Store POS', channel: 'store' }, { authorization: currentRead() });
    const old = created.body.token as string;
    tokens.push(old);
    expect((await track(old, 'rot-w-1')).status).toBe(200);
    const rotated = await rotate(created.body.key.id, currentRead());
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).toMatchObject({ kind: 'write', name: 'Store POS', channel: 'store', revokedAt: null });
    expect(rotated.body.key.id).not.toBe(created.body.key.id);
    tokens.push(rotated.body.token);
    expect(rotated.body.token).not.toBe(old);
    expect((await track(old, 'rot-w-2')).status).toBe(401);
    expect((await track(rotated.body.token, 'rot-w-3')).status).toBe(200);
    const events = (await getJson(eventsUrl(), { authorization: currentRead() })).body.events as { id: string; channel: string }[];
    expect(events.find((e) => e.id === 'rot-w-3')?.channel).toBe('store');
    expect(events.some((e) => e.id === 'rot-w-2')).toBe(false);
  });

  it('rotating the default secret key (with itself) updates credentials.json; the old key is refused at once', async () => {
    const before = credentialsFile();
    expect(before.secretKey).toBe(server.credentials.secretKey);
    const old = server.credentials.secretKey;
    const rotated = await rotate(keyId(old), bearer(old));
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.token as string;
    tokens.push(fresh);

    const after = credentialsFile();
    expect(after).toEqual({ ...before, secretKey: fresh });
    expect(statSync(path.join(server.dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);

    const refused = await getJson(eventsUrl(), { authorization: bearer(old) });
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 401, code: 'WM_AUTH_INVALID_KEY' });
    expect((await getJson(eventsUrl(), { authorization: bearer(fresh) })).status).toBe(200);
    // The old key cannot rotate the new one away either.
    expect((await rotate(keyId(fresh), bearer(old))).status).toBe(401);
  });

  it('rotating the default write key updates credentials.json too', async () => {
    const before = credentialsFile();
    const rotated = await rotate(keyId(before.writeKey), bearer(before.secretKey));
    expect(rotated.status).toBe(200);
    tokens.push(rotated.body.token);
    expect(credentialsFile()).toEqual({ ...before, writeKey: rotated.body.token });
    expect((await track(before.writeKey, 'rot-default-old')).status).toBe(401);
    expect((await track(rotated.body.token, 'rot-default-new')).status).toBe(200);
  });

  it('rotating a key that is not the default leaves credentials.json alone', async () => {
    const before = credentialsFile();
    const key = await createKey('secret', 'CI');
    const rotated = await rotate(key.id, bearer(before.secretKey));
    expect(rotated.status).toBe(200);
    tokens.push(rotated.body.token);
    expect(credentialsFile()).toEqual(before);
  });
});

describe('keys at rest', () => {
  it('are stored hashed: no column of api_keys holds a token or its secret part', () => {
    expect(tokens.length).toBeGreaterThanOrEqual(10);
    const db = new Database(path.join(server.dataDir, 'state.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT * FROM api_keys').all() as Record<string, unknown>[];
      expect(rows.length).toBe(tokens.length);
      const cells = rows.flatMap((row) => Object.values(row).map((v) => String(v)));
      for (const token of tokens) {
        const secret = token.split('_')[3]!;
        expect(secret.length).toBeGreaterThanOrEqual(16);
        for (const cell of cells) {
          expect(cell).not.toContain(token);
          expect(cell).not.toContain(secret);
        }
        // What is stored instead: the SHA-256 of the token, under the key's id.
        const row = rows.find((r) => r['id'] === keyId(token));
        expect(row?.['hash']).toBe(createHash('sha256').update(token).digest('hex'));
      }
    } finally {
      db.close();
    }
  });
});

describe('projects are isolated', () => {
  let projectA: string;
  let projectB: { id: string; slug: string };
  let readB: string;
  let writeB: string;

  beforeAll(async () => {
    projectA = server.credentials.projectId;
    const projects = server.runtime.projects;
    const b = await projects.createProject({ name: 'Project B', slug: 'project-b' });
    projectB = { id: b.id, slug: b.slug };
    readB = bearer((await projects.createKey(b.id, 'secret', { name: 'B secret', channel: null })).token);
    writeB = basic((await projects.createKey(b.id, 'write', { name: 'B write', channel: null })).token);
  });

  it("B's secret key cannot read project A, by slug or by id: 403 WM_AUTH_WRONG_PROJECT", async () => {
    for (const ref of ['default', projectA]) {
      for (const url of [
        `${server.url}/api/projects/${ref}/events`,
        `${server.url}/api/projects/${ref}/persons/auth-user`,
        `${server.url}/api/projects/${ref}/persons/auth-user/events`,
        `${server.url}/api/projects/${ref}/keys`,
      ]) {
        const answer = await getJson(url, { authorization: readB });
        expect({ url, status: answer.status, code: answer.body.error.code }).toEqual({ url, status: 403, code: 'WM_AUTH_WRONG_PROJECT' });
      }
      const keyCreated = await postJson(`${server.url}/api/projects/${ref}/keys`, { kind: 'secret', name: 'Sneaky' }, { authorization: readB });
      expect(keyCreated.status).toBe(403);
      const rotated = await postJson(`${server.url}/api/projects/${ref}/keys/${keyId(credentialsFile().writeKey)}/rotate`, {}, { authorization: readB });
      expect(rotated.status).toBe(403);
    }
  });

  it("A's secret key cannot read project B, and an unknown project is refused the same way", async () => {
    const fresh = bearer(credentialsFile().secretKey);
    for (const ref of [projectB.slug, projectB.id, 'no-such-project']) {
      const answer = await getJson(`${server.url}/api/projects/${ref}/events`, { authorization: fresh });
      expect({ ref, status: answer.status, code: answer.body.error.code }).toEqual({ ref, status: 403, code: 'WM_AUTH_WRONG_PROJECT' });
    }
  });

  it("B's write key writes only into B", async () => {
    const batch = [
      { type: 'identify', messageId: 'iso-b-1', userId: 'shared-user', traits: { project: 'B' } },
      { type: 'track', messageId: 'iso-b-2', userId: 'shared-user', event: 'Only In B' },
    ];
    expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: writeB })).status).toBe(200);
    const readA = bearer(credentialsFile().secretKey);
    expect((await track(credentialsFile().writeKey, 'iso-a-1')).status).toBe(200);

    const inA = (await getJson(eventsUrl(), { authorization: readA })).body.events.map((e: { id: string }) => e.id) as string[];
    expect(inA).toContain('iso-a-1');
    expect(inA).not.toContain('iso-b-1');
    expect(inA).not.toContain('iso-b-2');

    for (const ref of [projectB.slug, projectB.id]) {
      const inB = (await getJson(eventsUrl(ref), { authorization: readB })).body.events.map((e: { id: string }) => e.id) as string[];
      expect(inB.sort()).toEqual(['iso-b-1', 'iso-b-2']);
    }

    // The same user id names a different person in each project.
    const personB = await getJson(`${server.url}/api/projects/${projectB.slug}/persons/shared-user`, { authorization: readB });
    expect(personB.status).toBe(200);
    expect(personB.body.traits).toEqual({ project: 'B' });
    expect(personB.body.eventCount).toBe(2);
    const personA = await getJson(`${server.url}/api/projects/default/persons/shared-user`, { authorization: readA });
    expect({ status: personA.status, code: personA.body.error.code }).toEqual({ status: 404, code: 'WM_PERSON_NOT_FOUND' });
  });

  it('deduplicates per project: the same messageId in A and in B is stored in both', async () => {
    const message = { messageId: 'iso-same-id', userId: 'dup-user', event: 'Same Id' };
    expect((await postJson(`${server.url}/v1/track`, message, { authorization: writeB })).body.accepted).toBe(1);
    expect((await postJson(`${server.url}/v1/track`, message, { authorization: basic(credentialsFile().writeKey) })).body.accepted).toBe(1);
    const inA = (await getJson(eventsUrl(), { authorization: bearer(credentialsFile().secretKey) })).body.events.filter((e: { id: string }) => e.id === 'iso-same-id');
    const inB = (await getJson(eventsUrl(projectB.slug), { authorization: readB })).body.events.filter((e: { id: string }) => e.id === 'iso-same-id');
    expect(inA).toHaveLength(1);
    expect(inB).toHaveLength(1);
  });

  it("B's secret key can capture into B but never into A", async () => {
    const readBToken = readB.slice('Bearer '.length);
    expect((await postJson(`${server.url}/v1/track`, { messageId: 'iso-b-secret', userId: 'x', event: 'Server Side' }, { authorization: basic(readBToken) })).status).toBe(200);
    const inA = (await getJson(eventsUrl(), { authorization: bearer(credentialsFile().secretKey) })).body.events.map((e: { id: string }) => e.id);
    const inB = (await getJson(eventsUrl(projectB.slug), { authorization: readB })).body.events.map((e: { id: string }) => e.id);
    expect(inA).not.toContain('iso-b-secret');
    expect(inB).toContain('iso-b-secret');
  });
});
