import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, tempDataDir, type TestServer } from '../../testing/test-server.ts';
import { BrowserSession, expectError } from './browser-session.ts';

/** The first owner: made once, with a one-time password kept beside the keys until it is changed. */

const dataDir = tempDataDir();
let server: TestServer | null = null;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const credentialsFile = path.join(dataDir, 'credentials.json');
const credentials = () => JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, unknown>;
function members(): { email: string; name: string; role: string; password_hash: string; must_change_password: number }[] {
  const db = new Database(path.join(dataDir, 'state.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM members').all() as never;
  } finally {
    db.close();
  }
}
/** The raw bytes SQLite keeps, database and log, as text to search. */
const sqliteBytes = () => ['state.sqlite', 'state.sqlite-wal'].map((f) => path.join(dataDir, f)).filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');

async function restart(): Promise<TestServer> {
  await server?.stop();
  server = await startTestServer({ dataDir });
  return server;
}

describe('the first start', () => {
  let oneTime: string;

  it('creates owner@localhost with a one-time password, saved in the 0600 credentials file and exposed to tests', async () => {
    const s = await restart();
    expect(s.pendingOwner).toEqual({ email: 'owner@localhost', oneTimePassword: expect.stringMatching(/^\w{20}$/) });
    oneTime = s.pendingOwner!.oneTimePassword;
    expect(s.owner).toEqual({ email: 'owner@localhost', password: oneTime });
    expect(credentials()['owner']).toEqual({ email: 'owner@localhost', oneTimePassword: oneTime });
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    expect(members()).toEqual([expect.objectContaining({ email: 'owner@localhost', name: 'Owner', role: 'owner', must_change_password: 1 })]);
  });

  it('a restart creates no other owner and keeps the same one-time password', async () => {
    const s = await restart();
    expect(s.pendingOwner).toEqual({ email: 'owner@localhost', oneTimePassword: oneTime });
    expect(members()).toHaveLength(1);
    await new BrowserSession(s.url).signIn('owner@localhost', oneTime);
  });

  it('changing the password removes it from the credentials file; later starts announce none', async () => {
    const owner = new BrowserSession(server!.url);
    await owner.activate('owner@localhost', oneTime, 'a password of my own');
    const saved = credentials();
    expect(saved['owner']).toBeUndefined();
    expect(Object.keys(saved).sort()).toEqual(['projectId', 'secretKey', 'writeKey']);
    const s = await restart();
    expect(s.pendingOwner).toBeNull();
    expect(members()).toEqual([expect.objectContaining({ email: 'owner@localhost', must_change_password: 0 })]);
    expectError(await new BrowserSession(s.url).post('/api/auth/login', { email: 'owner@localhost', password: oneTime }), 401, 'WM_AUTH_BAD_CREDENTIALS');
    await new BrowserSession(s.url).signIn('owner@localhost', 'a password of my own');
  });

  it('keeps no hash in the credentials file and no password in the database', async () => {
    await server!.stop();
    server = null;
    const text = readFileSync(credentialsFile, 'utf8');
    expect(text).not.toContain('scrypt');
    for (const member of members()) expect(text).not.toContain(member.password_hash.split('$')[5]!);
    const bytes = sqliteBytes();
    expect(bytes).toContain('owner@localhost');
    expect(bytes).not.toContain(oneTime);
    expect(bytes).not.toContain('a password of my own');
  });
});
