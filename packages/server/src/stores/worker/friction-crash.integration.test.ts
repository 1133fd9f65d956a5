import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, stopProcess } from '../../testing/server-process.ts';
import { EVENT_STORES } from '../../testing/test-server.ts';

// A real server process killed with SIGKILL between acknowledging events and storing them:
// the write-ahead log is replayed on restart, and every signal must be stored exactly once,
// including one whose burst began in events stored before the kill.
const children = new Set<ChildProcess>();
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all([...children].map((c) => stopProcess(c)));
  children.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const T0 = Date.parse('2026-03-02T10:00:00Z');

const click = (i: number, at: number, observed = 'none') => ({
  type: 'track', event: '$click', anonymousId: 'dev-1', messageId: `c${i}`, timestamp: new Date(T0 + at).toISOString(),
  properties: { path: '/checkout/payment', selector: 'button#apply', x: 100 + i, y: 300, observed },
});

describe.each(EVENT_STORES)('friction signals after a crash, on the $name store', ({ env }) => {
  it('are stored exactly once when the log is replayed, even for a burst that spans the kill', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-friction-crash-'));
    dirs.push(dataDir);
    // Writes reach the store only when a read asks for them: the kill lands between ack and store.
    const start = async () => {
      const server = await startServerProcess(dataDir, { env: { ...env, WAYMARK_FLUSH_INTERVAL_MS: '60000' } });
      children.add(server.child);
      return server;
    };
    let server = await start();
    const { writeKey, secretKey } = JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as { writeKey: string; secretKey: string };
    const send = (batch: unknown[]) =>
      fetch(`${server.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic(writeKey) }, body: JSON.stringify({ batch }) }).then((r) => r.status);
    const signals = async () => {
      const text = await fetch(`${server.url}/api/projects/default/export?format=jsonl`, { headers: { authorization: `Bearer ${secretKey}` } }).then((r) => r.text());
      return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { messageId: string; event: string; properties: string | Record<string, unknown> }).filter((e) => e.event.startsWith('$') && e.messageId.startsWith('fr_'));
    };

    // Two clicks stored (the export waits until they are), then the third click and an exception
    // acknowledged but not stored when the process dies.
    expect(await send([click(1, 0), click(2, 150)])).toBe(200);
    const before = await signals();
    expect(before.map((s) => s.event).sort()).toEqual(['$dead_click', '$dead_click']);
    expect(await send([click(3, 300), { type: 'track', event: '$exception', anonymousId: 'dev-1', messageId: 'x1', timestamp: new Date(T0 + 500).toISOString(), properties: { path: '/checkout/payment', message: 'boom' } }])).toBe(200);
    const child = server.child;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    children.delete(child);

    server = await start();
    // A retrying client sends the second batch again: deduplicated, and no signal twice.
    expect(await send([click(3, 300)])).toBe(200);
    const after = await signals();
    const kinds = after.map((s) => s.event).sort();
    expect(kinds).toEqual(['$dead_click', '$dead_click', '$dead_click', '$error_click', '$rage_click']);
    expect(new Set(after.map((s) => s.messageId)).size).toBe(after.length);
    const rage = after.find((s) => s.event === '$rage_click')!;
    const props = typeof rage.properties === 'string' ? (JSON.parse(rage.properties) as Record<string, unknown>) : rage.properties;
    expect(props['source_ids']).toEqual(['c1', 'c2', 'c3']);
  }, 120_000);
});
