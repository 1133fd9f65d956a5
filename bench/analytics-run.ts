// One engine, one data size: the child process of `npm run bench:analytics` (so each reports its own peak memory).
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ANALYSES } from '../packages/server/src/analytics/analysis-registry.ts';
import { cohortPredicate, restrictCompiled } from '../packages/server/src/analytics/cohort-filter.ts';
import { ChdbEngine } from '../packages/server/src/analytics/engines/chdb-engine.ts';
import { DuckDbEngine } from '../packages/server/src/analytics/engines/duckdb-engine.ts';
import type { SqlEngine } from '../packages/server/src/analytics/engines/sql-engine.ts';
import { CLICKHOUSE_SCHEMA, foldDeletion, foldMutation } from '../packages/server/src/stores/clickhouse/clickhouse-schema.ts';
import { DUCKDB_FOLD_MERGES, DUCKDB_SCHEMA } from '../packages/server/src/stores/duckdb/schema.ts';
import type { Cohort } from '../packages/server/src/stores/state/state-store.ts';
import { BENCH_PROJECT, BENCH_SEGMENT, benchPersonsSpecs, benchSpecs, inRange, orderingFloors, RANGE, referenceFunnel } from './analytics-specs.ts';
import { median, peakRssMb } from './support.ts';
import { mergedPersons, STORE_EVENTS } from './synthetic-events.ts';

const [engineName, parquet, workDir, merges] = process.argv.slice(2) as ['duckdb' | 'chdb', string, string, 'unfolded' | 'folded'];
const overrides = mergedPersons(engineName, 50, parquet);
const RUNS = 5;
const RANGE_END = new Date(RANGE.to).toISOString();

/**
 * The store's own tables and `events_resolved` view (events with merged persons resolved), with
 * the generated events and 2% of persons merged into another, as identify calls leave them:
 * still resolved through the view (`unfolded`), or folded into the events as the store does
 * every WAYMARK_FOLD_MERGES_MINUTES (`folded`).
 */
async function open(): Promise<SqlEngine> {
  if (engineName === 'duckdb') {
    const instance = await DuckDBInstance.create(path.join(workDir, `bench-${merges}.duckdb`), { memory_limit: '4GB' });
    const engine = new DuckDbEngine(await instance.connect(), instance);
    for (const sql of DUCKDB_SCHEMA) await engine.query(sql);
    await engine.query(`INSERT INTO events ${STORE_EVENTS} FROM read_parquet('${parquet}') ORDER BY timestamp, seq`);
    await engine.query(`INSERT INTO person_overrides (project_id, old_person_id, person_id) ${overrides}`);
    if (merges === 'folded') for (const sql of DUCKDB_FOLD_MERGES) await engine.query(sql);
    return engine;
  }
  const engine = new ChdbEngine();
  for (const sql of CLICKHOUSE_SCHEMA) engine.exec(sql);
  engine.exec(`INSERT INTO events ${STORE_EVENTS} FROM file('${parquet}', Parquet)`);
  engine.exec(`INSERT INTO person_overrides (project_id, old_person_id, person_id, version) SELECT *, 1 AS version FROM (${overrides})`);
  if (merges === 'folded') for (const sql of [`${foldMutation(1)} SETTINGS mutations_sync = 2`, foldDeletion(1)]) engine.exec(sql);
  return engine;
}


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
  // The same on the events table, without the merges: what reading through the view costs.
  table: await time(engine, [`SELECT sum(n) AS n, count(*) AS persons FROM (SELECT person_id, count(*) AS n FROM events WHERE ${range} GROUP BY person_id) AS p`]),
};
const scanMs = Math.min(scans.distinct, scans.grouped);
const results: { name: string; ms: number; ratio: number }[] = [];
for (const { name, spec } of [...benchSpecs(), ...benchPersonsSpecs()]) {
  const analysis = ANALYSES[(spec as { kind: string }).kind];
  if (!analysis) continue;
  const checked = analysis.validate(spec);
  if (checked.kind === 'error') throw checked.error;
  const compiled = analysis.compile(d, checked.spec as never, BENCH_PROJECT, 'UTC');
  const ms = await time(engine, compiled.queries);
  results.push({ name, ms, ratio: ms / scanMs });
  const { personsAt, ...counts } = checked.spec as { personsAt?: unknown };
  if (personsAt === undefined) continue;
  // What a click on a number costs on the page: the analysis's own counts query is cached by then.
  const own = analysis.compile(d, counts as never, BENCH_PROJECT, 'UTC').queries;
  const left = compiled.queries.filter((sql) => !own.includes(sql));
  const afterCounts = await time(engine, left);
  results.push({ name: `${name}, counts cached (${left.length} of ${compiled.queries.length} run)`, ms: afterCounts, ratio: afterCounts / scanMs });
}
// The funnel restricted to the segment saved as a cohort (`"cohort"` in a spec): what every
// analysis costs once a cohort is picked on the page.
const cohort: Cohort = { id: 'coh_bench', projectId: BENCH_PROJECT, name: 'bench', definition: { kind: 'segment', ...BENCH_SEGMENT }, createdAt: RANGE_END };
const funnel = ANALYSES['funnel']!;
const funnelSpec = funnel.validate(benchSpecs()[0]!.spec);
if (funnelSpec.kind === 'error') throw funnelSpec.error;
const ofCohort = restrictCompiled(funnel.compile(d, funnelSpec.spec as never, BENCH_PROJECT, 'UTC'), cohortPredicate(d, cohort, Date.parse(RANGE_END)));
const cohortMs = await time(engine, ofCohort.queries);
const members = (await engine.query(`SELECT count(*) AS n FROM (SELECT DISTINCT person_id FROM events_resolved WHERE project_id = ${d.string(BENCH_PROJECT)} AND ${cohortPredicate(d, cohort, Date.parse(RANGE_END))}) AS m`))[0]!['n'];
results.push({ name: `funnel, 4 steps, only a saved segment's ${Number(members).toLocaleString('en-US')} persons`, ms: cohortMs, ratio: cohortMs / scanMs });
// The same funnel restricted to a fixed list: every other person (their member set in the store),
// and, as fixed lists were kept before member sets, the same ids written into the SQL.
await engine.query(`INSERT INTO member_sets SELECT ${d.string(BENCH_PROJECT)}, 'mem_bench', person_id FROM (SELECT DISTINCT person_id FROM events_resolved WHERE ${range}) AS p WHERE ${d.name === 'clickhouse' ? 'cityHash64(person_id)' : 'hash(person_id)'} % 2 = 0`);
const listed = (await engine.query(`SELECT person_id FROM member_sets WHERE member_set = 'mem_bench'`)).map((r) => String(r['person_id']));
const fixed = (definition: Cohort['definition']) => restrictCompiled(funnel.compile(d, funnelSpec.spec as never, BENCH_PROJECT, 'UTC'), cohortPredicate(d, { ...cohort, definition }, Date.parse(RANGE_END)));
const size = listed.length.toLocaleString('en-US');
for (const [name, definition] of [
  [`funnel, 4 steps, only a fixed list of ${size} persons`, { kind: 'persons', members: 'mem_bench', count: listed.length }],
  [`funnel, 4 steps, those ${size} ids inlined (before)`, { kind: 'persons', persons: listed }],
] as const) {
  // Inlined, the ids can make the query longer than ClickHouse parses (max_query_size, 256 KiB).
  const ms = await time(engine, fixed(definition).queries).catch((error: unknown) => {
    console.error(`${name}: ${String(error).slice(0, 200)}`);
    return Number.NaN;
  });
  results.push({ name, ms, ratio: ms / scanMs });
}

for (const { name, sql } of [referenceFunnel(d), ...orderingFloors(d)]) {
  const ms = await time(engine, [sql]);
  results.push({ name, ms, ratio: ms / scanMs });
}
const peakMb = peakRssMb(process.pid);
await engine.close();
process.stdout.write(JSON.stringify({ loadMs, scanMs, scans, results, peakMb }));
