import { DuckDBInstance, DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { FrictionEvent, ResolvedBatch } from '@waymark/core';
import { toPerson, toStoredEvent, type PersonRow, type PersonStats, type StoredEventRow } from '../stored-rows.ts';
import type { EventCursor, EventFilter, EventStore, ExportFormat, Person, SerializedRow, StoredEvent } from '../event-store.ts';
import { DUCKDB_FOLD_MERGES, DUCKDB_SCHEMA, STAGING_SCHEMA } from './schema.ts';
import { isoMicros, whereClause } from './where-clause.ts';

const micros = (ms: number) => new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);

/**
 * The embedded event store: one DuckDB file. Writes go through one connection, inside a
 * transaction per batch (the appender takes part in it), so the events, the id links and the
 * checkpoint commit together; reads use another connection and never wait for a write.
 */
export class DuckDbEventStore implements EventStore {
  readonly #instance: DuckDBInstance;
  readonly #writer: DuckDBConnection;
  readonly #reader: DuckDBConnection;

  private constructor(instance: DuckDBInstance, writer: DuckDBConnection, reader: DuckDBConnection) {
    this.#instance = instance;
    this.#writer = writer;
    this.#reader = reader;
  }

  static async open(file: string, options: { memoryLimit: string; threads?: number }): Promise<DuckDbEventStore> {
    const settings: Record<string, string> = { memory_limit: options.memoryLimit };
    if (options.threads) settings['threads'] = String(options.threads);
    const instance = await DuckDBInstance.create(file, settings);
    const writer = await instance.connect();
    for (const statement of [...DUCKDB_SCHEMA, ...STAGING_SCHEMA]) await writer.run(statement);
    const reader = await instance.connect();
    return new DuckDbEventStore(instance, writer, reader);
  }

  /** A new connection, for an analysis query that may be interrupted on its own. */
  connect(): Promise<DuckDBConnection> {
    return this.#instance.connect();
  }

  async checkpoint(): Promise<number> {
    const rows = await this.#rows<{ value: number }>(`SELECT value::DOUBLE AS value FROM store_meta WHERE key = 'checkpoint'`);
    return rows[0]?.value ?? 0;
  }

  async write(batch: ResolvedBatch, rows: readonly SerializedRow[], checkpoint: number): Promise<void> {
    const c = this.#writer;
    await inTransaction(c, async () => {
      if (batch.events.length > 0) {
        const appender = await c.createAppender('events');
        appendEvents(appender, batch, rows);
        appender.closeSync();
      }
      if (batch.newPersons.length > 0) {
        const appender = await c.createAppender('persons');
        for (const p of batch.newPersons) {
          appender.appendVarchar(p.projectId);
          appender.appendVarchar(p.personId);
          appender.appendVarchar('{}');
          appender.appendTimestamp(micros(p.at));
          appender.appendTimestamp(micros(p.at));
          appender.endRow();
        }
        appender.closeSync();
      }
      if (batch.links.length > 0) {
        await this.#stage('staging_links', batch.links, (a, l) => {
          a.appendVarchar(l.projectId);
          a.appendVarchar(l.key);
          a.appendVarchar(l.personId);
        });
        await c.run(`INSERT INTO identities SELECT * FROM staging_links ON CONFLICT DO UPDATE SET person_id = excluded.person_id`);
      }
      if (batch.merges.length > 0) {
        await this.#stage('staging_merges', batch.merges, (a, m) => {
          a.appendVarchar(m.projectId);
          a.appendVarchar(m.from);
          a.appendVarchar(m.into);
        });
        await this.#applyMerges();
      }
      if (batch.traits.length > 0) {
        await this.#stage('staging_traits', batch.traits, (a, t) => {
          a.appendVarchar(t.projectId);
          a.appendVarchar(t.personId);
          a.appendVarchar(JSON.stringify(t.traits));
          a.appendTimestamp(micros(t.at));
        });
        await c.run(`UPDATE persons SET traits = json_merge_patch(persons.traits, t.traits::JSON), updated_at = greatest(persons.updated_at, t.updated_at)
                     FROM staging_traits t WHERE persons.project_id = t.project_id AND persons.person_id = t.person_id`);
      }
      await c.run(`UPDATE store_meta SET value = ? WHERE key = 'checkpoint'`, [checkpoint]);
    });
  }

  /** Fills a staging table (emptied first) through an appender, inside the open transaction. */
  async #stage<T>(table: string, rows: readonly T[], append: (appender: DuckDBAppender, row: T) => void): Promise<void> {
    await this.#writer.run(`DELETE FROM ${table}`);
    const appender = await this.#writer.createAppender(table, 'main', 'temp');
    for (const row of rows) {
      append(appender, row);
      appender.endRow();
    }
    appender.closeSync();
  }

  /**
   * Records merged persons (staging_merges) as overrides, moves their ids and folds their
   * traits into the surviving person. Stored events are not rewritten: readers resolve them.
   */
  async #applyMerges(): Promise<void> {
    const c = this.#writer;
    await c.run(`UPDATE person_overrides SET person_id = m.into_id FROM staging_merges m
                 WHERE person_overrides.project_id = m.project_id AND person_overrides.person_id = m.from_id`);
    await c.run(`INSERT INTO person_overrides (project_id, old_person_id, person_id) SELECT project_id, from_id, into_id FROM staging_merges
                 ON CONFLICT DO UPDATE SET person_id = excluded.person_id, folded = false`);
    await c.run(`UPDATE identities SET person_id = m.into_id FROM staging_merges m
                 WHERE identities.project_id = m.project_id AND identities.person_id = m.from_id`);
    await c.run(`UPDATE persons SET traits = json_merge_patch(f.traits, persons.traits), created_at = least(persons.created_at, f.created_at)
                 FROM staging_merges m JOIN persons f ON f.project_id = m.project_id AND f.person_id = m.from_id
                 WHERE persons.project_id = m.project_id AND persons.person_id = m.into_id`);
    await c.run(`DELETE FROM persons WHERE (project_id, person_id) IN (SELECT project_id, from_id FROM staging_merges)`);
  }

  async foldMerges(): Promise<number> {
    const c = this.#writer;
    // On the writer, which only the write loop uses.
    const pending = Number((await c.runAndReadAll(`SELECT count(*) FROM person_overrides WHERE NOT folded`)).getRows()[0]![0]);
    if (pending === 0) return 0;
    await inTransaction(c, async () => {
      for (const sql of DUCKDB_FOLD_MERGES) await c.run(sql);
    });
    return pending;
  }

  async loadIdentities(visit: (projectId: string, key: string, personId: string) => void): Promise<void> {
    await this.#stream('SELECT project_id, distinct_key, person_id FROM identities', [], ([projectId, key, personId]) => visit(projectId as string, key as string, personId as string));
  }

  async loadOpenSessions(
    since: number,
    visit: (projectId: string, device: string, sessionId: string, start: number, last: number) => void,
  ): Promise<void> {
    const rows = await this.#rows<{ project_id: string; device: string; session_id: string; start: number; last: number }>(
      `SELECT project_id, coalesce(anonymous_id, user_id) AS device, arg_max(session_id, timestamp) AS session_id,
              epoch_ms(min(timestamp))::DOUBLE AS start, epoch_ms(max(timestamp))::DOUBLE AS last
       FROM events WHERE received_at >= ?::TIMESTAMP AND session_id IS NOT NULL GROUP BY ALL`,
      [isoMicros(since)],
    );
    for (const r of rows) visit(r.project_id, r.device, r.session_id, r.start, r.last);
  }

  async loadRecentIds(since: number, limit: number, visit: (projectId: string, id: string, seq: number) => void): Promise<void> {
    await this.#stream(
      `SELECT project_id, id, seq::DOUBLE FROM (SELECT project_id, id, seq FROM events WHERE received_at >= ?::TIMESTAMP ORDER BY seq DESC LIMIT ?) ORDER BY 3`,
      [isoMicros(since), limit],
      ([projectId, id, seq]) => visit(projectId as string, id as string, seq as number),
    );
  }

  async loadRecentEvents(since: number, events: readonly string[], visit: (event: FrictionEvent) => void): Promise<void> {
    if (events.length === 0) return;
    const names = events.map((e) => `'${e.replaceAll("'", "''")}'`).join(', ');
    // One JSON text per event: turning ten columns of each into JS values took four times as long
    // (6.6 s against 1.6 s for the 426,000 page views and clicks of the demo).
    await this.#stream(
      `SELECT json_object('projectId', project_id, 'id', id, 'event', event, 'anonymousId', anonymous_id, 'userId', user_id, 'personId', person_id,
         'sessionId', session_id, 'channel', channel, 'timestamp', epoch_ms(timestamp), 'properties', properties)::VARCHAR
       FROM events WHERE received_at >= ?::TIMESTAMP AND event IN (${names}) ORDER BY seq`,
      [isoMicros(since)],
      ([text]) => visit(JSON.parse(text as string) as FrictionEvent),
    );
  }

  async listEvents(filter: EventFilter, limit: number, after: EventCursor | null): Promise<StoredEvent[]> {
    const { sql, params } = whereClause(filter);
    const page = after ? ` AND (timestamp < ?::TIMESTAMP OR (timestamp = ?::TIMESTAMP AND seq < ?))` : '';
    const pageParams = after ? [isoMicros(after.timestamp), isoMicros(after.timestamp), after.seq] : [];
    const rows = await this.#rows<StoredEventRow>(
      `SELECT ${EVENT_SELECT} FROM events_resolved WHERE ${sql}${page} ORDER BY timestamp DESC, seq DESC LIMIT ?`,
      [...params, ...pageParams, limit],
    );
    return rows.map(toStoredEvent);
  }

  async findPerson(projectId: string, id: string): Promise<Person | null> {
    const rows = await this.#rows<PersonRow>(
      `SELECT p.person_id, p.traits::VARCHAR AS traits, epoch_ms(p.created_at)::DOUBLE AS created_at, epoch_ms(p.updated_at)::DOUBLE AS updated_at
       FROM persons p WHERE p.project_id = $1 AND (p.person_id = $2 OR p.person_id IN (
         SELECT person_id FROM identities WHERE project_id = $1 AND distinct_key IN ('u:' || $2, 'a:' || $2)))
       ORDER BY (p.person_id = $2) DESC LIMIT 1`,
      [projectId, id],
    );
    const row = rows[0];
    if (!row) return null;
    const own = whereClause({ projectId, personId: row.person_id });
    const [ids, stats] = await Promise.all([
      this.#rows<{ distinct_key: string }>(`SELECT distinct_key FROM identities WHERE project_id = ? AND person_id = ? ORDER BY distinct_key`, [projectId, row.person_id]),
      this.#rows<PersonStats>(
        `SELECT count(*)::DOUBLE AS n, epoch_ms(min(timestamp))::DOUBLE AS first, epoch_ms(max(timestamp))::DOUBLE AS last, list_sort(list_distinct(list(channel))) AS channels
         FROM events_resolved WHERE ${own.sql}`,
        own.params,
      ),
    ]);
    return toPerson(
      projectId,
      row,
      ids.map((r) => r.distinct_key),
      stats[0],
    );
  }

  async exportEvents(filter: EventFilter, format: ExportFormat, file: string): Promise<number> {
    const { sql, params } = whereClause(filter);
    const select = `SELECT id AS "messageId", type, event, anonymous_id AS "anonymousId", user_id AS "userId", person_id AS "personId",
      session_id AS "sessionId", channel, strftime(timestamp, '%Y-%m-%dT%H:%M:%S.%gZ') AS timestamp,
      strftime(received_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS "receivedAt", properties, context
      FROM events_resolved WHERE ${sql} ORDER BY timestamp, seq`;
    const options = format === 'parquet' ? 'FORMAT parquet' : format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT json';
    const quoted = `'${file.replaceAll("'", "''")}'`;
    const result = await this.#reader.runAndReadAll(`COPY (${select}) TO ${quoted} (${options})`, params as never);
    const count = result.getRows()[0]?.[0];
    return Number(count ?? 0);
  }

  async countEvents(projectId: string): Promise<number> {
    const rows = await this.#rows<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM events WHERE project_id = ?`, [projectId]);
    return rows[0]?.n ?? 0;
  }

  async putMemberSet(projectId: string, set: string, persons: readonly string[]): Promise<void> {
    // A connection of its own: the writer's transactions belong to the batches.
    const c = await this.#instance.connect();
    try {
      await inTransaction(c, async () => {
        const appender = await c.createAppender('member_sets');
        for (const person of persons) {
          appender.appendVarchar(projectId);
          appender.appendVarchar(set);
          appender.appendVarchar(person);
          appender.endRow();
        }
        appender.closeSync();
      });
    } finally {
      c.closeSync();
    }
  }

  async dropMemberSet(projectId: string, set: string): Promise<void> {
    const c = await this.#instance.connect();
    try {
      await c.run('DELETE FROM member_sets WHERE project_id = ? AND member_set = ?', [projectId, set]);
    } finally {
      c.closeSync();
    }
  }

  async close(): Promise<void> {
    this.#reader.closeSync();
    this.#writer.closeSync();
    this.#instance.closeSync();
  }

  /**
   * Visits a large result chunk by chunk, on a connection of its own: another query on the same
   * connection would silently end a result still being streamed.
   */
  async #stream(sql: string, params: unknown[], visit: (row: unknown[]) => void): Promise<void> {
    const connection = await this.#instance.connect();
    try {
      const result = await connection.stream(sql, params as never);
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        for (const row of chunk.getRows()) visit(row);
      }
    } finally {
      connection.closeSync();
    }
  }

  async #rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const reader = await this.#reader.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJS() as unknown as T[];
  }
}

const EVENT_SELECT = `seq::DOUBLE AS seq, project_id, id, type, event, anonymous_id, user_id, person_id, session_id, channel,
  epoch_ms(timestamp)::DOUBLE AS timestamp, epoch_ms(received_at)::DOUBLE AS received_at,
  properties::VARCHAR AS properties, context::VARCHAR AS context`;

/** Runs `work` in one transaction on `c`: committed whole, or rolled back and its error thrown. */
async function inTransaction(c: DuckDBConnection, work: () => Promise<void>): Promise<void> {
  await c.run('BEGIN TRANSACTION');
  try {
    await work();
    await c.run('COMMIT');
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function appendEvents(appender: DuckDBAppender, batch: ResolvedBatch, rows: readonly SerializedRow[]): void {
  const events = batch.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const row = rows[i]!;
    appender.appendBigInt(BigInt(row.seq));
    appender.appendVarchar(e.projectId);
    appender.appendVarchar(e.id);
    appender.appendVarchar(e.type);
    appender.appendVarchar(e.event);
    if (e.anonymousId === null) appender.appendNull();
    else appender.appendVarchar(e.anonymousId);
    if (e.userId === null) appender.appendNull();
    else appender.appendVarchar(e.userId);
    appender.appendVarchar(e.personId!);
    if (e.sessionId === null) appender.appendNull();
    else appender.appendVarchar(e.sessionId);
    appender.appendVarchar(e.channel);
    appender.appendTimestamp(micros(e.timestamp));
    appender.appendTimestamp(micros(e.receivedAt));
    appender.appendVarchar(row.properties);
    appender.appendVarchar(row.context);
    appender.endRow();
  }
}
