import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserSession, expectError } from '../routes/auth/browser-session.ts';
import { startServerProcess, stopProcess, WAYMARK_BIN, type ServerProcess } from '../testing/server-process.ts';

// `waymark members` as an operator runs it: a child process on the data directory, with or without a server.

const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-members-cli-'));
let server: ServerProcess | null = null;
afterAll(async () => {
  if (server) await stopProcess(server.child);
  rmSync(dataDir, { recursive: true, force: true });
});

function waymark(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, WAYMARK_DATA_DIR: dataDir, WAYMARK_LOG_LEVEL: 'warn', WAYMARK_DEMO: 'false' };
  return new Promise((resolve) => {
    execFile(process.execPath, [WAYMARK_BIN, ...args], { cwd: dataDir, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}
async function ok(...args: string[]): Promise<string> {
  const run = await waymark(...args);
  expect(run.stderr, `waymark ${args.join(' ')}`).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}
const listed = async () => JSON.parse(await ok('members', 'list', '--json')) as { email: string; role: string; name: string; mustChangePassword: boolean }[];
const credentials = () => JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as { owner?: { email: string; oneTimePassword: string } };
const oneTimePassword = (stdout: string) => /one-time password {2}(\w{20})\n/.exec(stdout)![1]!;

describe('waymark members', { timeout: 60_000 }, () => {
  it('on a new data directory, makes the owner as a first start would', async () => {
    expect(await ok('members', 'list')).toMatch(/^email\s+role\s+status\s+name\nowner@localhost\s+owner\s+one-time password\s+Owner\n$/);
    expect(credentials().owner).toEqual({ email: 'owner@localhost', oneTimePassword: expect.stringMatching(/^\w{20}$/) });
  });

  it('add prints a one-time password; the email is stored lower-cased', async () => {
    const out = await ok('members', 'add', 'Ann@Example.com', '--role', 'editor', '--name', 'Ann');
    expect(out).toMatch(/^added ann@example.com \(editor\)\none-time password {2}\w{20}\n$/);
    expect((await listed()).map((m) => `${m.email} ${m.role} ${m.name}`)).toEqual(['owner@localhost owner Owner', 'ann@example.com editor Ann']);
  });

  it('refuses bad input with exit code 2 and the option at fault, writing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['members', 'add', 'bob@example.com'], /required option '--role <role>' not specified/],
      [['members', 'add', 'bob@example.com', '--role', 'admin'], /WM_CLI_INVALID_OPTION \(--role\): --role must be one of viewer, editor, owner/],
      [['members', 'add', 'not-an-email', '--role', 'viewer'], /WM_CLI_INVALID_OPTION \(email\)/],
      [['members', 'add', 'bob@example.com', '--role', 'viewer', '--name', 'x'.repeat(201)], /WM_CLI_INVALID_OPTION \(--name\)/],
      [['members', 'add', 'ANN@example.com', '--role', 'viewer'], /WM_MEMBER_EMAIL_TAKEN \(email\)/],
      [['members', 'add', '--role', 'viewer'], /missing required argument 'email'/],
      [['members', 'reset-password', 'nobody@example.com'], /WM_MEMBER_NOT_FOUND \(email\)/],
      [['members', 'reset-password', 'nobody'], /WM_CLI_INVALID_OPTION \(email\)/],
      [['members', 'promote', 'ann@example.com'], /unknown command 'promote'/],
    ];
    for (const [args, message] of cases) {
      const run = await waymark(...args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
    expect((await listed()).map((m) => m.email)).toEqual(['owner@localhost', 'ann@example.com']);
  });

  it('the start banner prints the pending one-time password, and that password signs in', async () => {
    server = await startServerProcess(dataDir);
    const { oneTimePassword: pending } = credentials().owner!;
    const deadline = Date.now() + 5000;
    while (!server.stdout().includes('Sign in at') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(server.stdout()).toContain(`Sign in at ${server.url} as owner@localhost with one-time password ${pending}\n`);
    const owner = new BrowserSession(server.url);
    await owner.activate('owner@localhost', pending, 'the owner password');
    expect(credentials().owner).toBeUndefined();
  });

  it('reset-password recovers a lost password while the server runs: sessions end, a new one-time password signs in', async () => {
    const owner = new BrowserSession(server!.url);
    await owner.signIn('owner@localhost', 'the owner password');
    const out = await ok('members', 'reset-password', 'Owner@Localhost');
    expect(out).toMatch(/^owner@localhost: sessions ended\none-time password {2}\w{20}\n$/);
    expectError(await owner.get('/api/auth/me'), 401, 'WM_AUTH_NOT_SIGNED_IN');
    expectError(await new BrowserSession(server!.url).post('/api/auth/login', { email: 'owner@localhost', password: 'the owner password' }), 401, 'WM_AUTH_BAD_CREDENTIALS');
    const signedIn = await owner.signIn('owner@localhost', oneTimePassword(out));
    expect(signedIn.body.member.mustChangePassword).toBe(true);
    expectError(await owner.get('/api/members'), 403, 'WM_AUTH_PASSWORD_CHANGE_REQUIRED');
    // Members added through the CLI while the server runs sign in at once.
    const added = await ok('members', 'add', 'carl@example.com', '--role', 'viewer');
    await new BrowserSession(server!.url).activate('carl@example.com', oneTimePassword(added), 'carl password');
  });
});
