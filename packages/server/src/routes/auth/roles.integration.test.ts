import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestServer, type TestServer } from '../../testing/test-server.ts';
import { BrowserSession, expectError, type Answer } from './browser-session.ts';

/** What each role may do, the CSRF header, and the owner's management of members. */

let server: TestServer;
const sessions: Record<'owner' | 'editor' | 'viewer', BrowserSession> = {} as never;
const ids: Record<string, string> = {};
const browser = () => new BrowserSession(server.url);
const TRENDS = { kind: 'trends', series: [{ matcher: { event: 'Signed Up' }, measure: 'count' }], interval: 'day', from: '2026-05-04T00:00:00Z', to: '2026-05-11T00:00:00Z' };

/** Creates a member through the owner's session and signs them in with their own password. */
async function addMember(email: string, role: string, name?: string): Promise<BrowserSession> {
  const created = await sessions.owner.post('/api/members', { email, role, ...(name !== undefined && { name }) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  ids[email] = created.body.member.id;
  const session = browser();
  await session.activate(email, created.body.oneTimePassword, `${email} password`);
  return session;
}

beforeAll(async () => {
  server = await startTestServer();
  sessions.owner = browser();
  await sessions.owner.activate(server.owner.email, server.owner.password, 'owner password 1');
  ids['owner@localhost'] = (await sessions.owner.get('/api/auth/me')).body.member.id;
  sessions.editor = await addMember('editor@example.com', 'editor', 'Eddie');
  sessions.viewer = await addMember('viewer@example.com', 'viewer');
});
afterAll(() => server.destroy());

describe('the role matrix', () => {
  const calls: { what: string; call: (s: BrowserSession) => Promise<Answer>; ok: number; least: 'viewer' | 'editor' | 'owner' }[] = [
    { what: 'read the project', call: (s) => s.get('/api/projects/default'), ok: 200, least: 'viewer' },
    { what: 'read events', call: (s) => s.get('/api/projects/default/events'), ok: 200, least: 'viewer' },
    { what: 'run a query (a POST that reads)', call: (s) => s.post('/api/projects/default/query', TRENDS), ok: 200, least: 'viewer' },
    { what: 'list cohorts', call: (s) => s.get('/api/projects/default/cohorts'), ok: 200, least: 'viewer' },
    { what: 'save a cohort', call: (s) => s.post('/api/projects/default/cohorts', { name: 'VIPs', persons: ['p1'] }), ok: 201, least: 'editor' },
    { what: 'list keys', call: (s) => s.get('/api/projects/default/keys'), ok: 200, least: 'owner' },
    { what: 'create a key', call: (s) => s.post('/api/projects/default/keys', { kind: 'write', name: 'Support' }), ok: 201, least: 'owner' },
    { what: 'list members', call: (s) => s.get('/api/members'), ok: 200, least: 'owner' },
  ];
  const RANK = { viewer: 0, editor: 1, owner: 2 } as const;

  for (const role of ['viewer', 'editor', 'owner'] as const) {
    it(`as ${role}, a member may do what the role allows and gets 403 WM_AUTH_FORBIDDEN_ROLE naming the role needed otherwise`, async () => {
      for (const { what, call, ok, least } of calls) {
        const answer = await call(sessions[role]);
        if (RANK[role] >= RANK[least]) {
          expect({ what, status: answer.status }, JSON.stringify(answer.body)).toEqual({ what, status: ok });
        } else {
          expectError(answer, 403, 'WM_AUTH_FORBIDDEN_ROLE');
          expect(answer.body.error.message, what).toContain(`needs the ${least} role`);
          expect(answer.body.error.message, what).toContain(`you are a ${role}`);
        }
      }
    });
  }

  it('a refused change changes nothing: the viewer saved no cohort, the editor made no key', async () => {
    const cohorts = (await sessions.owner.get('/api/projects/default/cohorts')).body.cohorts;
    expect(cohorts).toHaveLength(2); // the editor's and the owner's
    const keys = (await sessions.owner.get('/api/projects/default/keys')).body.keys;
    expect(keys.filter((k: { name: string }) => k.name === 'Support')).toHaveLength(1); // the owner's
  });

  it('a session reaches every project by id or slug; an unknown one is 404', async () => {
    expect((await sessions.viewer.get(`/api/projects/${server.credentials.projectId}`)).body.slug).toBe('default');
    expectError(await sessions.viewer.get('/api/projects/nope/events'), 404, 'WM_PROJECT_NOT_FOUND');
  });

  it('keys work as before: a secret key may do anything in its project, a write key cannot read', async () => {
    expect((await browser().call('GET', '/api/projects/default/keys', undefined, { headers: { authorization: server.readAuth } })).status).toBe(200);
    expectError(await browser().call('GET', '/api/projects/default/events', undefined, { headers: { authorization: bearer(server.credentials.writeKey) } }), 403, 'WM_AUTH_WRITE_KEY_CANNOT_READ');
    // A key in the header wins over a viewer's cookie: the key decides.
    const both = await sessions.viewer.call('GET', '/api/projects/default/keys', undefined, { headers: { authorization: server.readAuth } });
    expect(both.status).toBe(200);
    expectError(await browser().get('/api/projects/default/events'), 401, 'WM_AUTH_MISSING_KEY', 'authorization');
  });

  it('members are managed with an owner session only, not with a project key', async () => {
    expectError(await browser().call('GET', '/api/members', undefined, { headers: { authorization: server.readAuth } }), 401, 'WM_AUTH_NOT_SIGNED_IN');
  });
});

describe('CSRF: cookie-authenticated changes need X-Waymark-Client: web', () => {
  it('refuses a cookie change without the header, before doing anything: 403 WM_AUTH_CSRF', async () => {
    const before = (await sessions.owner.get('/api/projects/default/cohorts')).body.cohorts.length;
    const changes: [string, string, unknown][] = [
      ['POST', '/api/projects/default/cohorts', { name: 'forged', persons: ['p1'] }],
      ['POST', '/api/projects/default/keys', { kind: 'secret', name: 'forged' }],
      ['POST', '/api/members', { email: 'forged@example.com', role: 'owner' }],
      ['PATCH', `/api/members/${ids['viewer@example.com']}`, { role: 'owner' }],
      ['DELETE', `/api/members/${ids['editor@example.com']}`, undefined],
      ['POST', '/api/auth/password', { currentPassword: 'owner password 1', newPassword: 'forged password' }],
      ['POST', '/api/auth/logout', {}],
    ];
    for (const [method, url, body] of changes) expectError(await sessions.owner.call(method, url, body, { client: false }), 403, 'WM_AUTH_CSRF', 'x-waymark-client');
    // A wrong value is no better than none.
    expectError(await sessions.owner.call('POST', '/api/projects/default/cohorts', { name: 'forged', persons: ['p1'] }, { client: false, headers: { 'x-waymark-client': 'evil' } }), 403, 'WM_AUTH_CSRF');
    expect((await sessions.owner.get('/api/projects/default/cohorts')).body.cohorts.length).toBe(before);
    const members = (await sessions.owner.get('/api/members')).body.members;
    expect(members.map((m: { email: string; role: string }) => `${m.email} ${m.role}`).sort()).toEqual(['editor@example.com editor', 'owner@localhost owner', 'viewer@example.com viewer']);
    // Still signed in: the forged logout did nothing.
    expect((await sessions.owner.get('/api/auth/me')).status).toBe(200);
  });

  it('reads by cookie and changes by Bearer key do not need it', async () => {
    expect((await sessions.viewer.get('/api/projects/default/events')).status).toBe(200);
    const keyed = await fetch(`${server.url}/api/projects/default/cohorts`, { method: 'POST', headers: { authorization: server.readAuth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'by key', persons: ['p1'] }) });
    expect(keyed.status).toBe(201);
  });

  it('CORS lets other origins use keys but never grants credentials or the header to them', async () => {
    const preflight = await fetch(`${server.url}/api/projects/default/cohorts`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-waymark-client' },
    });
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect((preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase()).not.toContain('x-waymark-client');
  });
});

describe('managing members', () => {
  it('lists members without any hash', async () => {
    const listed = await sessions.owner.get('/api/members');
    expect(listed.body.members.find((m: { email: string }) => m.email === 'editor@example.com')).toEqual({
      id: ids['editor@example.com'],
      email: 'editor@example.com',
      name: 'Eddie',
      role: 'editor',
      mustChangePassword: false,
      createdAt: expect.any(String),
      disabledAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|hash/i);
  });

  it('adds a member with a one-time password; emails are unique without regard to case (409)', async () => {
    const created = await sessions.owner.post('/api/members', { email: 'Mixed.Case@Example.com', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.member).toMatchObject({ email: 'mixed.case@example.com', name: '', role: 'viewer', mustChangePassword: true });
    expect(created.body.oneTimePassword).toMatch(/^\w{20}$/);
    expectError(await sessions.owner.post('/api/members', { email: 'MIXED.case@example.com', role: 'editor' }), 409, 'WM_MEMBER_EMAIL_TAKEN', 'email');
    ids['mixed.case@example.com'] = created.body.member.id;
  });

  it('changes a role and a name; the new role applies to the open session at once', async () => {
    const changed = await sessions.owner.call('PATCH', `/api/members/${ids['viewer@example.com']}`, { role: 'editor', name: 'Vera' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'editor', name: 'Vera' });
    expect((await sessions.viewer.post('/api/projects/default/cohorts', { name: 'by Vera', persons: ['p2'] })).status).toBe(201);
    expect((await sessions.owner.call('PATCH', `/api/members/${ids['viewer@example.com']}`, { role: 'viewer' })).body.role).toBe('viewer');
    expectError(await sessions.viewer.post('/api/projects/default/cohorts', { name: 'again', persons: ['p2'] }), 403, 'WM_AUTH_FORBIDDEN_ROLE');
  });

  it('disabling ends the sessions and refuses sign-in like a wrong password; re-enabling restores sign-in', async () => {
    const id = ids['editor@example.com'];
    const disabled = await sessions.owner.call('PATCH', `/api/members/${id}`, { disabled: true });
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expectError(await sessions.editor.get('/api/auth/me'), 401, 'WM_AUTH_NOT_SIGNED_IN');
    expectError(await browser().post('/api/auth/login', { email: 'editor@example.com', password: 'editor@example.com password' }), 401, 'WM_AUTH_BAD_CREDENTIALS');
    expect((await sessions.owner.call('PATCH', `/api/members/${id}`, { disabled: false })).body.disabledAt).toBeNull();
    await sessions.editor.signIn('editor@example.com', 'editor@example.com password');
  });

  it('deleting ends the sessions; an unknown id is 404', async () => {
    const doomed = await addMember('doomed@example.com', 'viewer');
    expect((await sessions.owner.call('DELETE', `/api/members/${ids['doomed@example.com']}`)).status).toBe(204);
    expectError(await doomed.get('/api/auth/me'), 401, 'WM_AUTH_NOT_SIGNED_IN');
    expectError(await sessions.owner.call('DELETE', `/api/members/${ids['doomed@example.com']}`), 404, 'WM_MEMBER_NOT_FOUND', 'id');
    expectError(await sessions.owner.call('PATCH', '/api/members/mem_nobody', { name: 'x' }), 404, 'WM_MEMBER_NOT_FOUND', 'id');
  });

  it('the last owner cannot be demoted, disabled or deleted (409); with a second owner they can', async () => {
    const me = ids['owner@localhost']!;
    expectError(await sessions.owner.call('PATCH', `/api/members/${me}`, { role: 'editor' }), 409, 'WM_MEMBER_LAST_OWNER', 'role');
    expectError(await sessions.owner.call('PATCH', `/api/members/${me}`, { disabled: true }), 409, 'WM_MEMBER_LAST_OWNER', 'disabled');
    expectError(await sessions.owner.call('DELETE', `/api/members/${me}`), 409, 'WM_MEMBER_LAST_OWNER', 'id');
    // Renaming the last owner, or "changing" them to owner, is fine.
    expect((await sessions.owner.call('PATCH', `/api/members/${me}`, { role: 'owner', name: 'Olivia' })).status).toBe(200);
    // A disabled second owner does not count.
    const second = ids['editor@example.com']!;
    await sessions.owner.call('PATCH', `/api/members/${second}`, { role: 'owner', disabled: true });
    expectError(await sessions.owner.call('PATCH', `/api/members/${me}`, { role: 'viewer' }), 409, 'WM_MEMBER_LAST_OWNER');
    await sessions.owner.call('PATCH', `/api/members/${second}`, { disabled: false });
    await sessions.editor.signIn('editor@example.com', 'editor@example.com password');
    expect((await sessions.editor.call('PATCH', `/api/members/${me}`, { role: 'editor' })).body.role).toBe('editor');
    expectError(await sessions.editor.call('DELETE', `/api/members/${second}`), 409, 'WM_MEMBER_LAST_OWNER');
    expect((await sessions.editor.call('PATCH', `/api/members/${me}`, { role: 'owner' })).body.role).toBe('owner');
    expect((await sessions.owner.call('PATCH', `/api/members/${second}`, { role: 'editor' })).body.role).toBe('editor');
  });
});

describe('bad input on the member routes: 400 naming the field, nothing written', () => {
  it('POST /api/members', async () => {
    const before = (await sessions.owner.get('/api/members')).body.members.length;
    const cases: [unknown, string | null][] = [
      [{ role: 'viewer' }, 'email'],
      [{ email: 'a@b' }, 'role'],
      [{ email: 'a@b', role: 'admin' }, 'role'],
      [{ email: 'not an email', role: 'viewer' }, 'email'],
      [{ email: 'a@b', role: 'viewer', name: 'x'.repeat(201) }, 'name'],
      [{ email: 'a@b', role: 'viewer', name: 7 }, 'name'],
      [{ email: 'a@b', role: 'viewer', password: 'chosen by the owner' }, 'password'],
    ];
    for (const [body, field] of cases) expectError(await sessions.owner.post('/api/members', body), 400, 'WM_REQUEST_INVALID', field);
    expect((await sessions.owner.get('/api/members')).body.members.length).toBe(before);
  });

  it('PATCH /api/members/:id', async () => {
    const id = ids['viewer@example.com'];
    const cases: [unknown, string | null][] = [
      [{}, null],
      [{ role: 'superuser' }, 'role'],
      [{ disabled: 'yes' }, 'disabled'],
      [{ name: null }, 'name'],
      [{ email: 'new@example.com' }, 'email'],
    ];
    for (const [body, field] of cases) expectError(await sessions.owner.call('PATCH', `/api/members/${id}`, body), 400, 'WM_REQUEST_INVALID', field);
    expect((await sessions.owner.get('/api/members')).body.members.find((m: { id: string }) => m.id === id)).toMatchObject({ email: 'viewer@example.com', role: 'viewer', name: 'Vera', disabledAt: null });
  });
});
