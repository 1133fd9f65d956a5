// One engine, one data size: the child process of `npm run bench:analytics` (so each reports its own peak memory).
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ANALYSES } from '../packages/server/src/analytics/analysis-registry.ts';
import { ChdbEngine } from '../packages/server/src/analytics/engines/chdb-engine.ts';
import { DuckDbEngine } from '../packages/server/src/analytics/engines/duckdb-engine.ts';
import type { SqlEngine } from '../packages/server/src/analytics/engines/sql-engine.ts';
import { BENCH_PROJECT, benchSpecs, inRange, orderingFloors, referenceFunnel } from './analytics-specs.ts';
import { peakRssMb } from './support.ts';

const [engineName, parquet, workDir] = process.argv.slice(2) as [string, string, string];
const RUNS = 5;

async function open(): Promise<SqlEngine> {
  if (engineName === 'duckdb') {
    const instance = await DuckDBInstance.create(path.join(workDir, 'bench.duckdb'), { memory_limit: '4GB' });
    const engine = new DuckDbEngine(await instance.connect(), instance);
    await engine.query(`CREATE TABLE events_resolved AS SELECT * FROM read_parquet('${parquet}') ORDER BY timestamp, seq`);
    return engine;
  }
  const engine = new ChdbEngine();
  engine.exec(`CREATE TABLE events_resolved (project_id LowCardinality(String), person_id String, event LowCardinality(String), timestamp DateTime64(3, 'UTC'),
    session_id Nullable(String), channel LowCardinality(String), properties String, seq UInt64) ENGINE = MergeTree ORDER BY (project_id, timestamp, seq)`);
  engine.exec(`INSERT INTO events_resolved SELECT * FROM file('${parquet}', Parquet)`);
  return engine;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(engine: SqlEngine, queries: readonly string[]): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    for (const sql of queries) await engine.query(sql);
    runs.push(performance.now() - started);
  }
  return median(runs);
}

const loadStarted = performance.now();
const engine = await open();
const loadMs = performance.now() - loadStarted;
const d = engine.dialect;
const range = inRange(d);
// The raw scan is the faster of the engine's two ways to count rows and distinct persons: on
// ClickHouse count(DISTINCT) (uniqExact) takes several times as long as grouping by person.
const scans = {
  distinct: await time(engine, [`SELECT count(*) AS n, count(DISTINCT person_id) AS persons FROM events_resolved WHERE ${range}`]),
  grouped: await time(engine, [`SELECT sum(n) AS n, count(*) AS persons FROM (SELECT person_id, count(*) AS n FROM events_resolved WHERE ${range} GROUP BY person_id) AS p`]),
};
const scanMs = Math.min(scans.distinct, scans.grouped);
const results: { name: string; ms: number; ratio: number }[] = [];
for (const { name, spec } of benchSpecs()) {
  const analysis = ANALYSES[(spec as { kind: string }).kind];
  if (!analysis) continue;
  const checked = analysis.validate(spec);
  if (checked.kind === 'error') throw checked.error;
  const compiled = analysis.compile(d, checked.spec as never, BENCH_PROJECT, 'UTC');
  const ms = await time(engine, compiled.queries);
  results.push({ name, ms, ratio: ms / scanMs });
}
for (const { name, sql } of [referenceFunnel(d), ...orderingFloors(d)]) {
  const ms = await time(engine, [sql]);
  results.push({ name, ms, ratio: ms / scanMs });
}
const peakMb = peakRssMb(process.pid);
await engine.close();
process.stdout.write(JSON.stringify({ loadMs, scanMs, scans, results, peakMb }));
