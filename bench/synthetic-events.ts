// Synthetic events for the benchmarks that read the event store: generated once to Parquet, then
// loaded into each engine's own tables.
import { DuckDBInstance } from '@duckdb/node-api';
import { BENCH_PROJECT, DAYS, START } from './analytics-specs.ts';

/** Event names, each equally likely: the funnel's steps are view, add, checkout, buy. */
export const MIXES: Record<string, string[]> = {
  product: ['view', 'view', 'add', 'checkout', 'buy', ...Array(7).fill('page'), ...Array(4).fill('click'), 'search', 'signup', 'email_open', 'scroll'],
  steps: ['view', 'view', 'view', 'add', 'add', 'checkout', 'buy', 'search', 'signup', 'email_open'],
};

/**
 * A person's id from their number, as long as the ids the identity graph makes (11 characters,
 * hash-like): DuckDB's costs depend on it, since it keeps strings of up to 12 bytes inline. The
 * same text in both engines' SQL, so each can compute the merges from the numbers.
 */
const personId = (engine: 'duckdb' | 'chdb', n: string) => (engine === 'duckdb' ? `substr(md5(CAST(${n} AS VARCHAR)), 1, 11)` : `substring(lower(hex(MD5(toString(${n})))), 1, 11)`);

/**
 * Synthetic events written to Parquet by DuckDB: 50 events per person over 90 days, names from a
 * mix, a plan property; `person_n` is the person's number (not loaded into the store).
 */
export async function generate(events: number, names: string[], file: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const persons = Math.max(1, Math.floor(events / 50));
  await c.run(`COPY (
    SELECT '${BENCH_PROJECT}' AS project_id,
           hash(i) % ${persons} AS person_n,
           ${personId('duckdb', `hash(i) % ${persons}`)} AS person_id,
           ([${names.map((n) => `'${n}'`).join(',')}])[1 + (hash(i * 7 + 1) % ${names.length})::INTEGER] AS event,
           make_timestamp(${START * 1000}::BIGINT + (hash(i * 13 + 5) % ${DAYS * 86_400_000})::BIGINT * 1000) AS timestamp,
           substr(md5((hash(i) % ${persons})::VARCHAR || '-' || ((hash(i * 13 + 5) % ${DAYS * 86_400_000}) // 3600000)::VARCHAR), 1, 16) AS session_id,
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
 * Rows (project_id, old_id, new_id) from a generated file: every `every`-th person merged into
 * the next one, as identify calls leave them.
 */
export function mergedPersons(engine: 'duckdb' | 'chdb', every: number, parquet: string): string {
  const file = engine === 'duckdb' ? `read_parquet('${parquet}')` : `file('${parquet}', Parquet)`;
  return `SELECT DISTINCT project_id, person_id AS old_id, ${personId(engine, 'person_n + 1')} AS new_id FROM ${file} WHERE person_n % ${every} = 0`;
}
