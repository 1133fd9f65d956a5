import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, stopProcess, WAYMARK_BIN, type ServerProcess } from '../testing/server-process.ts';
import { EVENT_STORES } from '../testing/test-server.ts';

// The real thing: a server process killed with SIGKILL under load, restarted on the same data.
const BIN = WAYMARK_BIN;
const run = promisify(execFile);

const children = new Set<ChildProcess>();
const dirs: string[] = [];

/** What the servers of the current test wrote to stderr, shown if it fails. */
let serverLogs: string[] = [];

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') console.error(`server stderr:\n${serverLogs.join('\n---\n')}`);
  serverLogs = [];
  await Promise.all([...children].map((child) => stop(child)));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Server = ServerProcess;

async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const server = await startServerProcess(dataDir, { env });
  children.add(server.child);
  server.child.once('exit', (code, signal) => {
    children.delete(server.child);
    serverLogs.push(`exit ${code ?? signal}: ${server.stderr()}`);
  });
  return server;
}

const stop = stopProcess;

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

const credentials = (dataDir: string) => JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as { projectId: string; writeKey: string; secretKey: string };
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-crash-'));
  dirs.push(dir);
  return dir;
}

type Batch = readonly string[];

function makeBatch(sender: number, n: number): Batch {
  return Array.from({ length: 100 }, (_, i) => `s${sender}-b${n}-e${i}`);
}

function post(url: string, writeKey: string, ids: Batch): Promise<Response> {
  const batch = ids.map((messageId, i) => ({
    type: 'track',
    event: 'Load Tested',
    messageId,
    anonymousId: `anon-${messageId.slice(0, messageId.indexOf('-b'))}-${i % 7}`,
    properties: { i, padding: 'x'.repeat(64) },
  }));
  return fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basic(writeKey) },
    body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
  });
}

/** Every stored messageId (with repeats, if any), through the export API. */
async function storedIds(url: string, secretKey: string): Promise<string[]> {
  const response = await fetch(`${url}/api/projects/default/export?format=jsonl`, { headers: { authorization: `Bearer ${secretKey}` } });
  expect(response.status).toBe(200);
  return (await response.text()).split('\n').filter((line) => line !== '').map((line) => (JSON.parse(line) as { messageId: string }).messageId);
}

/** Every stored messageId through `waymark export`, which finds the running server itself. */
async function exportedIds(dataDir: string, env: Record<string, string>): Promise<string[]> {
  const { stdout } = await run(process.execPath, [BIN, 'export', '--format', 'jsonl'], {
    cwd: dataDir,
    env: { ...process.env, ...env, WAYMARK_DATA_DIR: dataDir, WAYMARK_LOG_LEVEL: 'warn' },
    maxBuffer: 512 * 1024 * 1024,
  });
  return stdout.split('\n').filter((line) => line !== '').map((line) => (JSON.parse(line) as { messageId: string }).messageId);
}

function countOf(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Sends every batch again, as a retrying client would, a few at a time; all must be taken. */
async function resend(url: string, writeKey: string, batches: readonly Batch[]): Promise<{ accepted: number; duplicates: number }> {
  let next = 0;
  let accepted = 0;
  let duplicates = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const response = await post(url, writeKey, batches[next++]!);
        expect(response.status).toBe(200);
        const body = (await response.json()) as { accepted: number; duplicates: number };
        accepted += body.accepted;
        duplicates += body.duplicates;
      }
    }),
  );
  return { accepted, duplicates };
}

describe('a server killed with SIGKILL', () => {
  it.for(EVENT_STORES)('loses no acknowledged event and stores each message once after a restart and a full resend, on the $name store', { timeout: 120_000 }, async ({ env }) => {
    const dataDir = newDataDir();
    const first = await startServer(dataDir, env);
    const { writeKey, secretKey } = credentials(dataDir);

    const sent: Batch[] = [];
    const acknowledged = new Set<Batch>();
    const failed = new Set<Batch>();
    const outstanding = new Set<Batch>();
    let dead = false;
    // Each sender keeps a request in flight until one fails after the kill.
    const senders = Array.from({ length: 8 }, async (_, sender) => {
      for (let n = 0; ; n++) {
        const ids = makeBatch(sender, n);
        sent.push(ids);
        outstanding.add(ids);
        try {
          const response = await post(first.url, writeKey, ids);
          await response.arrayBuffer();
          (response.status === 200 ? acknowledged : failed).add(ids);
        } catch {
          failed.add(ids); // the connection died with the server: never acknowledged
        } finally {
          outstanding.delete(ids);
        }
        if (dead && failed.has(ids)) return;
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    const inFlightAtKill = new Set(outstanding);
    await kill9(first.child);
    dead = true;
    await Promise.all(senders);

    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(inFlightAtKill.size).toBeGreaterThan(0); // killed under load, not after it
    expect(failed.size).toBeGreaterThan(0);
    expect(acknowledged.size + failed.size).toBe(sent.length);
    const inFlightAcknowledged = [...inFlightAtKill].filter((b) => acknowledged.has(b)).length;

    const second = await startServer(dataDir, env);
    // Before any retry: every acknowledged event came back from the log, none twice.
    const afterRestart = countOf(await storedIds(second.url, secretKey));
    const ackedIds = [...acknowledged].flat();
    const missing = ackedIds.filter((id) => !afterRestart.has(id));
    expect(missing.length, `acknowledged but lost, e.g. ${missing.slice(0, 3).join(', ')}`).toBe(0);
    expect([...afterRestart.values()].every((n) => n === 1)).toBe(true);
    const storedBeforeResend = afterRestart.size;

    const retried = await resend(second.url, writeKey, sent);
    const distinctSent = new Set(sent.flat()).size;
    expect(distinctSent).toBe(sent.length * 100);
    expect(retried.duplicates).toBe(storedBeforeResend);
    expect(retried.accepted).toBe(distinctSent - storedBeforeResend);

    const stored = countOf(await exportedIds(dataDir, env));
    expect(ackedIds.filter((id) => stored.get(id) !== 1)).toEqual([]);
    const repeated = [...stored].filter(([, n]) => n > 1);
    expect(repeated).toEqual([]);
    expect(stored.size).toBe(distinctSent);
    expect([...stored.keys()].every((id) => /^s\d-b\d+-e\d+$/.test(id))).toBe(true);

    console.info(
      `crash test: ${sent.length} batches of 100 sent, ${acknowledged.size} acknowledged, ${failed.size} failed; ` +
        `${inFlightAtKill.size} in flight at the kill (${inFlightAcknowledged} of them acknowledged before it landed); ` +
        `${storedBeforeResend} events stored after the restart (${ackedIds.length} acknowledged), ${stored.size} after the resend`,
    );
    await stop(second.child);
    expect(second.child.exitCode).toBe(0);
  });

  it('replays acknowledged events that were only in the write-ahead log', { timeout: 60_000 }, async () => {
    const dataDir = newDataDir();
    const first = await startServer(dataDir, { WAYMARK_FLUSH_INTERVAL_MS: '60000' });
    const { writeKey, secretKey } = credentials(dataDir);

    const batches = Array.from({ length: 24 }, (_, n) => makeBatch(n % 4, n));
    const responses = await Promise.all(batches.map((ids) => post(first.url, writeKey, ids)));
    for (const response of responses) expect(response.status).toBe(200);
    for (const response of responses) expect(await response.json()).toMatchObject({ accepted: 100, duplicates: 0 });
    await kill9(first.child);

    // Nothing reached DuckDB: the acknowledged events are in the log only.
    const db = await DuckDBInstance.create(path.join(dataDir, 'events.duckdb'));
    try {
      const connection = await db.connect();
      const rows = (await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM events')).getRowObjectsJS();
      expect(rows).toEqual([{ n: 0 }]);
      connection.closeSync();
    } finally {
      db.closeSync();
    }
    const walDir = path.join(dataDir, 'wal');
    const walBytes = readdirSync(walDir).reduce((sum, name) => sum + statSync(path.join(walDir, name)).size, 0);
    expect(walBytes).toBeGreaterThan(2_400 * 100);

    const second = await startServer(dataDir);
    const stored = countOf(await storedIds(second.url, secretKey));
    const expected = batches.flat();
    expect(stored.size).toBe(expected.length);
    expect(expected.filter((id) => stored.get(id) !== 1)).toEqual([]);

    // A client retrying after the crash gets duplicates back, not new copies.
    const retried = await resend(second.url, writeKey, batches);
    expect(retried).toEqual({ accepted: 0, duplicates: expected.length });
    expect((await storedIds(second.url, secretKey)).length).toBe(expected.length);
    await stop(second.child);
  });
});
