import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { BrowserSession, expectError } from './browser-session.ts';

/** Signing in and out: the cookie, wrong passwords, throttling, the one-time password gate, expiry. */

let server: TestServer;
const OWNER_PASSWORD = 'owner password 1';
const browser = () => new BrowserSession(server.url);
/** The state database, opened beside the server as an operator would (SQLite in WAL mode). */
let db: Database.Database;
const sessionRow = (token: string) => db.prepare('SELECT * FROM member_sessions WHERE id = ?').get(createHash('sha256').update(token).digest('hex')) as { expires_at: string; last_used_at: string } | undefined;

beforeAll(async () => {
  server = await startTestServer();
  db = new Database(path.join(server.dataDir, 'state.sqlite'));
});
afterAll(async () => {
  db.close();
  await server.destroy();
});

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie for 30 days and answers the member', async () => {
    const owner = browser();
    const answer = await owner.signIn(server.owner.email, server.owner.password);
    expect(answer.body).toEqual({ member: { id: expect.stringMatching(/^mem_/), email: 'owner@localhost', name: 'Owner', role: 'owner', mustChangePassword: true, createdAt: expect.any(String), disabledAt: null } });
    const cookie = answer.cookies.find((c) => c.startsWith('waymark_session='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=2592000/);
    expect(cookie).not.toMatch(/; Secure/);
    // The database holds the token's hash, not the token.
    expect(sessionRow(owner.cookie!)).toBeDefined();
    expect(JSON.stringify(db.prepare('SELECT * FROM member_sessions').all())).not.toContain(owner.cookie!);
  });

  it('marks the cookie Secure when the request came over https (through a proxy)', async () => {
    const answer = await browser().post('/api/auth/login', server.owner, { headers: { 'x-forwarded-proto': 'https' } });
    expect(answer.status).toBe(200);
    expect(answer.cookies.find((c) => c.startsWith('waymark_session='))).toMatch(/; Secure/);
  });

  it('needs X-Waymark-Client: web, so a cross-site form cannot sign a browser in (403 WM_AUTH_CSRF)', async () => {
    const forged = await browser().post('/api/auth/login', server.owner, { client: false, headers: { 'content-type': 'text/plain' } });
    expectError(forged, 403, 'WM_AUTH_CSRF', 'x-waymark-client');
    expect(forged.cookies).toEqual([]);
  });

  it('accepts the email in any case', async () => {
    await browser().signIn('OWNER@LocalHost', server.owner.password);
  });

  it('answers a wrong password and an unknown email alike: 401 WM_AUTH_BAD_CREDENTIALS, no cookie', async () => {
    const wrong = await browser().post('/api/auth/login', { email: server.owner.email, password: 'not the password' });
    const unknown = await browser().post('/api/auth/login', { email: 'nobody@example.com', password: 'not the password' });
    for (const answer of [wrong, unknown]) {
      expectError(answer, 401, 'WM_AUTH_BAD_CREDENTIALS', null);
      expect(answer.cookies).toEqual([]);
    }
    expect(wrong.body).toEqual(unknown.body);
  });

  it('throttles an email after 10 failures in 15 minutes: 429 with Retry-After, even for the right password', async () => {
    const owner = browser();
    await owner.activate(server.owner.email, server.owner.password, OWNER_PASSWORD);
    const created = await owner.post('/api/members', { email: 'target@example.com', role: 'viewer' });
    expect(created.status).toBe(201);
    for (let i = 0; i < 10; i++) expectError(await browser().post('/api/auth/login', { email: 'target@example.com', password: `guess ${i}` }), 401, 'WM_AUTH_BAD_CREDENTIALS');
    const refused = await browser().post('/api/auth/login', { email: 'Target@example.com', password: created.body.oneTimePassword });
    expectError(refused, 429, 'WM_AUTH_THROTTLED', 'email');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(refused.cookies).toEqual([]);
    // Unknown emails are throttled the same way, so the throttle does not tell who has an account.
    for (let i = 0; i < 10; i++) await browser().post('/api/auth/login', { email: 'ghost@example.com', password: `guess ${i}` });
    expectError(await browser().post('/api/auth/login', { email: 'ghost@example.com', password: 'x' }), 429, 'WM_AUTH_THROTTLED');
    // Other emails are not affected.
    await browser().signIn(server.owner.email, OWNER_PASSWORD);
  });
});

describe('the one-time password', () => {
  let member: BrowserSession;
  let oneTime: string;
  beforeAll(async () => {
    const owner = browser();
    await owner.signIn(server.owner.email, OWNER_PASSWORD);
    const created = await owner.post('/api/members', { email: 'new@example.com', name: 'New', role: 'editor' });
    oneTime = created.body.oneTimePassword;
    member = browser();
    await member.signIn('new@example.com', oneTime);
  });

  it('allows only me, password and logout until it is changed: 403 WM_AUTH_PASSWORD_CHANGE_REQUIRED', async () => {
    const me = await member.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.member).toMatchObject({ email: 'new@example.com', mustChangePassword: true });
    for (const answer of [
      await member.get('/api/projects/default/events'),
      await member.get('/api/projects/default'),
      await member.post('/api/projects/default/cohorts', { name: 'c', persons: ['p1'] }),
      await member.get('/api/members'),
    ]) {
      expectError(answer, 403, 'WM_AUTH_PASSWORD_CHANGE_REQUIRED');
    }
  });

  it('refuses a wrong current password, a short or unchanged new one, and changes nothing', async () => {
    expectError(await member.post('/api/auth/password', { currentPassword: 'wrong one', newPassword: 'long enough 1' }), 403, 'WM_AUTH_WRONG_PASSWORD', 'currentPassword');
    expectError(await member.post('/api/auth/password', { currentPassword: oneTime, newPassword: 'short' }), 400, 'WM_REQUEST_INVALID', 'newPassword');
    expectError(await member.post('/api/auth/password', { currentPassword: oneTime, newPassword: oneTime }), 400, 'WM_REQUEST_INVALID', 'newPassword');
    expectError(await member.post('/api/auth/password', { newPassword: 'long enough 1' }), 400, 'WM_REQUEST_INVALID', 'currentPassword');
    expectError(await member.post('/api/auth/password', { currentPassword: oneTime }), 400, 'WM_REQUEST_INVALID', 'newPassword');
    expectError(await member.post('/api/auth/password', { currentPassword: oneTime, newPassword: 12345678901 }), 400, 'WM_REQUEST_INVALID', 'newPassword');
    expect((await member.get('/api/auth/me')).body.member.mustChangePassword).toBe(true);
    await browser().signIn('new@example.com', oneTime);
  });

  it('once changed, opens the API, keeps this session and ends the others', async () => {
    const other = browser();
    await other.signIn('new@example.com', oneTime);
    expect((await member.post('/api/auth/password', { currentPassword: oneTime, newPassword: 'my own password' })).status).toBe(204);
    expect((await member.get('/api/auth/me')).body.member.mustChangePassword).toBe(false);
    expect((await member.get('/api/projects/default/events')).status).toBe(200);
    expectError(await other.get('/api/auth/me'), 401, 'WM_AUTH_NOT_SIGNED_IN');
    expectError(await browser().post('/api/auth/login', { email: 'new@example.com', password: oneTime }), 401, 'WM_AUTH_BAD_CREDENTIALS');
    await browser().signIn('new@example.com', 'my own password');
  });
});

describe('sessions', () => {
  it('GET /api/auth/me answers the member and every project; 401 without a session', async () => {
    const owner = browser();
    await owner.signIn(server.owner.email, OWNER_PASSWORD);
    const me = await owner.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.member).toMatchObject({ email: 'owner@localhost', role: 'owner', mustChangePassword: false });
    expect(me.body.projects).toEqual([{ id: server.credentials.projectId, slug: 'default', name: 'Default project', timeZone: 'UTC' }]);
    expectError(await browser().get('/api/auth/me'), 401, 'WM_AUTH_NOT_SIGNED_IN', 'cookie');
    const forged = browser();
    forged.cookie = 'not-a-session';
    expectError(await forged.get('/api/auth/me'), 401, 'WM_AUTH_NOT_SIGNED_IN', 'cookie');
  });

  it('logout ends the session and clears the cookie; it answers 204 without one too', async () => {
    const owner = browser();
    await owner.signIn(server.owner.email, OWNER_PASSWORD);
    const token = owner.cookie!;
    const out = await owner.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.cookies.find((c) => c.startsWith('waymark_session='))).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    expect(sessionRow(token)).toBeUndefined();
    const replay = browser();
    replay.cookie = token;
    expectError(await replay.get('/api/auth/me'), 401, 'WM_AUTH_NOT_SIGNED_IN');
    expect((await browser().post('/api/auth/logout')).status).toBe(204);
  });

  it('expires 30 days after the last use, and each use (at most hourly) slides the expiry', async () => {
    const owner = browser();
    await owner.signIn(server.owner.email, OWNER_PASSWORD);
    const token = owner.cookie!;
    // Used recently: no write, no new cookie.
    const quiet = await owner.get('/api/auth/me');
    expect(quiet.cookies).toEqual([]);
    // Last used two hours ago, a day from expiry: this use pushes the expiry 30 days out.
    const hash = createHash('sha256').update(token).digest('hex');
    db.prepare('UPDATE member_sessions SET last_used_at = ?, expires_at = ? WHERE id = ?').run(new Date(Date.now() - 2 * 3_600_000).toISOString(), new Date(Date.now() + 86_400_000).toISOString(), hash);
    const renewed = await owner.get('/api/auth/me');
    expect(renewed.status).toBe(200);
    expect(renewed.cookies.find((c) => c.startsWith('waymark_session='))).toMatch(/; Max-Age=2592000/);
    expect(Date.parse(sessionRow(token)!.expires_at) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    // Expired: refused, and the row goes.
    db.prepare('UPDATE member_sessions SET expires_at = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), hash);
    expectError(await owner.get('/api/auth/me'), 401, 'WM_AUTH_NOT_SIGNED_IN');
    expectError(await owner.get('/api/projects/default/events'), 401, 'WM_AUTH_NOT_SIGNED_IN');
    expect(sessionRow(token)).toBeUndefined();
  });
});

describe('bad input', () => {
  it('login: 400 naming the field, no session made', async () => {
    const before = (db.prepare('SELECT count(*) AS n FROM member_sessions').get() as { n: number }).n;
    const cases: [unknown, string | null][] = [
      [{ password: 'x' }, 'email'],
      [{ email: server.owner.email }, 'password'],
      [{ email: 'no-at-sign', password: 'x' }, 'email'],
      [{ email: 42, password: 'x' }, 'email'],
      [{ email: server.owner.email, password: '' }, 'password'],
      [{ email: server.owner.email, password: 'x'.repeat(1025) }, 'password'],
      [{ email: server.owner.email, password: OWNER_PASSWORD, remember: true }, 'remember'],
    ];
    for (const [body, field] of cases) expectError(await browser().post('/api/auth/login', body), 400, 'WM_REQUEST_INVALID', field);
    expectError(await browser().call('POST', '/api/auth/login', undefined, { headers: { 'content-type': 'application/json' } }), 400, 'WM_INGEST_MALFORMED_JSON');
    expect((db.prepare('SELECT count(*) AS n FROM member_sessions').get() as { n: number }).n).toBe(before);
  });
});
