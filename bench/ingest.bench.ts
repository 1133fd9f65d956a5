// npm run bench:ingest — sustained acknowledged events/s over HTTP with durable acks, against
// DuckDB's own appender loading the same rows as the baseline, and how soon every acknowledged
// event is readable from the store. Options: --seconds N, --connections a,b,c, --store duckdb|chdb
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import { startServerProcess, stopProcess } from '../packages/server/src/testing/server-process.ts';
import { benchOptions, cpuSeconds, fmt, peakRssMb, REPO, sampleEvent, wholeNumber, wholeNumbers } from './support.ts';

const options = benchOptions({ seconds: '10', connections: '4,16,64', store: 'duckdb' });
const seconds = wholeNumber('seconds', options.seconds);
const connectionLevels = wholeNumbers('connections', options.connections);
const store = options.store;
if (store !== 'duckdb' && store !== 'chdb') throw new Error(`--store must be duckdb or chdb, got ${store}`);
const run = promisify(execFile);

interface LoadResult {
  ok: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  /** Cores the load process itself used. */
  cpu: number;
}

async function measureHttp(connections: number, profile: boolean) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-bench-'));
  const profileDir = path.join(dataDir, 'profile');
  const { child, url } = await startServerProcess(dataDir, {
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    env: { WAYMARK_EVENT_STORE: `${store}:` },
  });
  try {
    const { writeKey, secretKey } = JSON.parse(readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as { writeKey: string; secretKey: string };
    const cpuBefore = cpuSeconds(child.pid!);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench/ingest-load.ts'), url, writeKey, String(connections), String(seconds), '0'], {
      cwd: REPO,
      maxBuffer: 1 << 20,
    });
    const load = JSON.parse(stdout) as LoadResult;
    // A read waits for every event acknowledged before it: its latency is how far the store is behind.
    const catchUpStarted = performance.now();
    const read = await fetch(`${url}/api/projects/default/events?limit=1`, { headers: { authorization: `Bearer ${secretKey}` } });
    if (read.status !== 200) throw new Error(`reading after the load answered ${read.status}`);
    const catchUp = (performance.now() - catchUpStarted) / 1000;
    const cpu = (cpuSeconds(child.pid!) - cpuBefore) / load.seconds;
    const memory = peakRssMb(child.pid!);
    await stopProcess(child);
    return { load, memory, cpu, catchUp, profile: profile ? summarizeProfile(profileDir) : [] };
  } finally {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Self time per function from a V8 CPU profile: where the server's time goes. */
function summarizeProfile(dir: string): { name: string; share: number }[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|packages)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    totals.set(name, (totals.get(name) ?? 0) + 1);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([name, n]) => ({ name, share: n / profile.samples.length }));
}

/** The baseline: DuckDB's appender loading the same rows into the same table, no HTTP, no log. */
async function measureAppender(rows: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-bench-'));
  const instance = await DuckDBInstance.create(path.join(dir, 'baseline.duckdb'));
  const c = await instance.connect();
  await c.run(`CREATE TABLE events (seq BIGINT, project_id VARCHAR, id VARCHAR, type VARCHAR, event VARCHAR, anonymous_id VARCHAR, user_id VARCHAR,
    person_id VARCHAR, session_id VARCHAR, channel VARCHAR, timestamp TIMESTAMP, received_at TIMESTAMP, properties JSON, context JSON)`);
  const stamp = new Date().toISOString();
  // Properties and context are serialized before the clock starts: this measures the appender alone.
  const events = Array.from({ length: 1000 }, (_, i) => {
    const e = sampleEvent(i, stamp) as { event: string; anonymousId: string; properties: object; context: object };
    return { event: e.event, anonymousId: e.anonymousId, properties: JSON.stringify(e.properties), context: JSON.stringify(e.context) };
  });
  const now = new DuckDBTimestampValue(BigInt(Date.now()) * 1000n);
  const started = performance.now();
  const appender = await c.createAppender('events');
  for (let i = 0; i < rows; i++) {
    const e = events[i % 1000]!;
    appender.appendBigInt(BigInt(i));
    appender.appendVarchar('proj');
    appender.appendVarchar(`m-${i}`);
    appender.appendVarchar('track');
    appender.appendVarchar(e.event);
    appender.appendVarchar(e.anonymousId);
    appender.appendNull();
    appender.appendVarchar('person');
    appender.appendVarchar('session');
    appender.appendVarchar('web');
    appender.appendTimestamp(now);
    appender.appendTimestamp(now);
    appender.appendVarchar(e.properties);
    appender.appendVarchar(e.context);
    appender.endRow();
  }
  appender.closeSync();
  const elapsed = (performance.now() - started) / 1000;
  c.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
  return rows / elapsed;
}

console.log(`Waymark ingest benchmark: batches of 100 events over HTTP, ${seconds} s per level, durable (fdatasync) acks, ${store} store\n`);
const baseline = await measureAppender(1_000_000);
console.log(`baseline: DuckDB appender, same rows, no HTTP/log: ${fmt(baseline)} rows/s\n`);
console.log('connections | acked events/s | stored events/s | batch p50 ms | batch p99 ms | errors | server CPU (cores) | load CPU (cores) | server peak RSS MB | ratio to appender');
console.log('----------- | -------------- | --------------- | ------------ | ------------ | ------ | ------------------ | ---------------- | ------------------ | -----------------');
let best: Awaited<ReturnType<typeof measureHttp>> | null = null;
for (const [i, connections] of connectionLevels.entries()) {
  const result = await measureHttp(connections, i === connectionLevels.length - 1);
  const rate = (result.load.ok * 100) / result.load.seconds;
  // Stored: every acknowledged event readable, counting the time the store took to catch up after the load.
  const stored = (result.load.ok * 100) / (result.load.seconds + result.catchUp);
  console.log(
    `${String(connections).padStart(11)} | ${fmt(rate).padStart(14)} | ${fmt(stored).padStart(15)} | ${String(result.load.p50).padStart(12)} | ${String(result.load.p99).padStart(12)} | ${String(result.load.errors).padStart(6)} | ${result.cpu.toFixed(2).padStart(18)} | ${result.load.cpu.toFixed(2).padStart(16)} | ${String(result.memory).padStart(18)} | ${(rate / baseline).toFixed(2).padStart(17)}`,
  );
  best = result;
}
if (best && best.profile.length > 0) {
  console.log('\nwhere the server spends its time at the highest level (share of CPU samples, self time):');
  for (const { name, share } of best.profile) console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${name}`);
}
