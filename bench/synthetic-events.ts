// Synthetic events for the benchmarks that read the event store: generated once to Parquet, then
// loaded into each engine's own tables.
import { DuckDBInstance } from '@duckdb/node-api';
import { BENCH_PROJECT, DAYS, START } from './analytics-specs.ts';

/** Event names, each equally likely: the funnel's steps are view, add, checkout, buy. */
export const MIXES: Record<string, string[]> = {
  product: ['view', 'view', 'add', 'checkout', 'buy', ...Array(7).fill('page'), ...Array(4).fill('click'), 'search', 'signup', 'email_open', 'scroll'],
  steps: ['view', 'view', 'view', 'add', 'add', 'checkout', 'buy', 'search', 'signup', 'email_open'],
};

/** Synthetic events written to Parquet by DuckDB: 50 events per person over 90 days, names from a mix, a plan property. */
export async function generate(events: number, names: string[], file: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const persons = Math.max(1, Math.floor(events / 50));
  await c.run(`COPY (
    SELECT '${BENCH_PROJECT}' AS project_id,
           'p' || (hash(i) % ${persons})::VARCHAR AS person_id,
           ([${names.map((n) => `'${n}'`).join(',')}])[1 + (hash(i * 7 + 1) % ${names.length})::INTEGER] AS event,
           make_timestamp(${START * 1000}::BIGINT + (hash(i * 13 + 5) % ${DAYS * 86_400_000})::BIGINT * 1000) AS timestamp,
           's' || (hash(i) % ${persons})::VARCHAR || '-' || ((hash(i * 13 + 5) % ${DAYS * 86_400_000}) // 3600000)::VARCHAR AS session_id,
           (['web','web','email','store'])[1 + (hash(i * 3) % 4)::INTEGER] AS channel,
           '{"plan":"' || (['free','pro','team'])[1 + (hash(i * 17) % 3)::INTEGER] || '","price":' || (hash(i * 19) % 200)::VARCHAR || '}' AS properties,
           i AS seq
    FROM range(${events}) t(i)
  ) TO '${file}' (FORMAT parquet)`);
  c.closeSync();
  instance.closeSync();
}

/** The store's `events` columns from a generated Parquet row (append `FROM <the file>`): every person is an anonymous device. */
export const STORE_EVENTS = `SELECT seq, project_id, CAST(seq AS VARCHAR) AS id, 'track' AS type, event, person_id AS anonymous_id, NULL AS user_id, person_id, session_id,
    channel, timestamp, timestamp AS received_at, properties, '{}' AS context`;

/**
 * Rows (project_id, old_id, new_id) read from the store's `events`: every `every`-th person
 * merged into the next one, as identify calls leave them.
 */
export function mergedPersons(engine: 'duckdb' | 'chdb', every: number): string {
  const number = engine === 'duckdb' ? 'CAST(substr(person_id, 2) AS BIGINT)' : 'toUInt64(substring(person_id, 2))';
  return `SELECT DISTINCT project_id, person_id AS old_id, concat('p', CAST(n + 1 AS VARCHAR)) AS new_id FROM (SELECT project_id, person_id, ${number} AS n FROM events) AS e WHERE n % ${every} = 0`;
}
