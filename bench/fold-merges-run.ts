// One engine, one data size: the child process of `npm run bench:fold` (so each reports its own peak memory).
import path from 'node:path';
import { openClickHouse } from '../packages/server/src/stores/clickhouse/clickhouse-client.ts';
import { ClickHouseEventStore } from '../packages/server/src/stores/clickhouse/clickhouse-event-store.ts';
import { DuckDbEventStore } from '../packages/server/src/stores/duckdb/duckdb-event-store.ts';
import type { EventStore } from '../packages/server/src/stores/event-store.ts';
import { median, peakRssMb } from './support.ts';
import { mergedPersons, STORE_EVENTS } from './synthetic-events.ts';

const [engine, parquet, workDir, everyText] = process.argv.slice(2) as [string, string, string, string];
const every = Number(everyText);

/** The store on its own files, with the events loaded and every `every`-th person merged into the next, as identify calls leave them. */
async function open(): Promise<{ store: EventStore; run: (sql: string) => Promise<Record<string, unknown>[]> }> {
  if (engine === 'duckdb') {
    const store = await DuckDbEventStore.open(path.join(workDir, 'events.duckdb'), { memoryLimit: '4GB' });
    const c = await store.connect();
    const run = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
    await run(`INSERT INTO events ${STORE_EVENTS} FROM read_parquet('${parquet}') ORDER BY timestamp, seq`);
    await run(`INSERT INTO person_overrides (project_id, old_person_id, person_id) ${mergedPersons('duckdb', every, parquet)}`);
    await run('CHECKPOINT');
    return { store, run };
  }
  const client = await openClickHouse({ kind: 'chdb', path: path.join(workDir, 'chdb') });
  const store = await ClickHouseEventStore.open(client);
  await client.command({ query: `INSERT INTO events ${STORE_EVENTS} FROM file('${parquet}', Parquet)` });
  await client.command({
    query: `INSERT INTO person_overrides (project_id, old_person_id, person_id, version) SELECT *, 1 AS version FROM (${mergedPersons('chdb', every, parquet)})`,
  });
  // The merges were written at log position 1, which the store has committed.
  await client.insert({ table: 'store_meta', values: [{ key: 'checkpoint', value: 1 }], format: 'JSONEachRow' });
  return { store, run: (sql) => store.query(sql) };
}

const { store, run } = await open();
/** What analyses read: events and distinct persons, grouped by person (the faster of the two counts on both engines). */
const scan = (table: string) => `SELECT CAST(sum(n) AS VARCHAR) AS events, CAST(count(*) AS VARCHAR) AS persons FROM (SELECT person_id, count(*) AS n FROM ${table} GROUP BY person_id) AS p`;
async function time(sql: string): Promise<{ ms: number; rows: string }> {
  const runs: number[] = [];
  let rows = '';
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    rows = JSON.stringify(await run(sql));
    runs.push(performance.now() - started);
  }
  return { ms: median(runs), rows };
}

const [merged] = await run(`SELECT CAST(count(*) AS VARCHAR) AS n FROM events_resolved WHERE person_id <> stored_person_id`);
const bare = await time(scan('events'));
const before = await time(scan('events_resolved'));
const started = performance.now();
const overrides = await store.foldMerges();
const foldMs = performance.now() - started;
const after = await time(scan('events_resolved'));
await store.close();
console.log(
  JSON.stringify({
    overrides,
    rewritten: Number(merged!['n']),
    foldMs,
    bareMs: bare.ms,
    beforeMs: before.ms,
    afterMs: after.ms,
    same: before.rows === after.rows,
    peakMb: peakRssMb(process.pid),
  }),
);
