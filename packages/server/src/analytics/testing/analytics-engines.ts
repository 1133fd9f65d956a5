import { DuckDBTimestampValue } from '@duckdb/node-api';
import type { AnalysisEvent } from '@waymark/core';
import { ChdbEngine } from '../engines/chdb-engine.ts';
import { DuckDbEngine } from '../engines/duckdb-engine.ts';
import type { SqlEngine } from '../engines/sql-engine.ts';

export const TEST_PROJECT = 'proj_test';

/**
 * The engines every analysis is checked on, each with an `events_resolved` table of the
 * columns analyses read. Contract tests load the same random events into each and require
 * the answers to equal the reference implementation's.
 */
export const ENGINES = [
  { name: 'duckdb', create: async () => withTable(await DuckDbEngine.inMemory()) },
  { name: 'clickhouse (chdb)', create: async () => withTable(new ChdbEngine()) },
] as const;

export type TestEngine = SqlEngine & { load(events: readonly AnalysisEvent[], projectId?: string): Promise<void> };

async function withTable(engine: DuckDbEngine | ChdbEngine): Promise<TestEngine> {
  const load = engine instanceof DuckDbEngine ? await duckdbTable(engine) : chdbTable(engine);
  return Object.assign(engine, { load });
}

async function duckdbTable(engine: DuckDbEngine) {
  const c = engine.connection;
  await c.run(`CREATE OR REPLACE TABLE events_resolved (project_id VARCHAR, person_id VARCHAR, event VARCHAR, timestamp TIMESTAMP,
    session_id VARCHAR, channel VARCHAR, properties JSON, seq BIGINT)`);
  return async (events: readonly AnalysisEvent[], projectId = TEST_PROJECT) => {
    await c.run('DELETE FROM events_resolved');
    const a = await c.createAppender('events_resolved');
    for (const e of events) {
      a.appendVarchar(projectId);
      a.appendVarchar(e.personId);
      a.appendVarchar(e.event);
      a.appendTimestamp(new DuckDBTimestampValue(BigInt(e.timestamp) * 1000n));
      if (e.sessionId === null) a.appendNull();
      else a.appendVarchar(e.sessionId);
      a.appendVarchar(e.channel);
      a.appendVarchar(JSON.stringify(e.properties));
      a.appendBigInt(BigInt(e.seq));
      a.endRow();
    }
    a.closeSync();
  };
}

function chdbTable(engine: ChdbEngine) {
  engine.exec(`CREATE TABLE IF NOT EXISTS events_resolved (project_id String, person_id String, event String, timestamp DateTime64(3, 'UTC'),
    session_id Nullable(String), channel String, properties String, seq UInt64) ENGINE = MergeTree ORDER BY (project_id, timestamp, seq)`);
  return async (events: readonly AnalysisEvent[], projectId = TEST_PROJECT) => {
    engine.exec('TRUNCATE TABLE events_resolved');
    if (events.length === 0) return;
    const rows = events.map((e) =>
      JSON.stringify({
        project_id: projectId,
        person_id: e.personId,
        event: e.event,
        timestamp: new Date(e.timestamp).toISOString().replace('T', ' ').replace('Z', ''),
        session_id: e.sessionId,
        channel: e.channel,
        properties: JSON.stringify(e.properties),
        seq: e.seq,
      }),
    );
    engine.exec(`INSERT INTO events_resolved FORMAT JSONEachRow\n${rows.join('\n')}`);
  };
}

/**
 * A result with its non-integer numbers rounded to 6 decimal places, for comparing engines:
 * sums of doubles depend on the order they are added in, and a sum that cancels out (3 - 3 +
 * a tiny value) may end in a different last bit, or exactly 0, in another order. Integers
 * (counts) are compared exactly.
 */
export function comparable(result: unknown): unknown {
  return JSON.parse(JSON.stringify(result, (_key, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(6)) + 0 : v)));
}
