import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import type { FrictionEvent, ResolvedBatch } from '@waymark/core';
import { toPerson, toStoredEvent, type PersonRow, type PersonStats, type StoredEventRow } from '../stored-rows.ts';
import type { EventCursor, EventFilter, ExportFormat, Person, SerializedRow, StoredEvent } from '../event-store.ts';
import type { QueryableEventStore } from '../local-store-client.ts';
import { cancelled } from '../worker/store-worker-client.ts';
import { CLICKHOUSE_SCHEMA, foldDeletion, foldMemberSets, foldMutation, MERGED } from './clickhouse-schema.ts';
import { personChanges, touchedPersons, type PersonState, type Pointer } from './person-changes.ts';

/** A DateTime64(3, 'UTC') literal ClickHouse parses exactly. */
const utc = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

type Params = Record<string, unknown>;

/**
 * The event store on ClickHouse (a server through @clickhouse/client, or chdb's engine in
 * process behind the same client). Same contract as the DuckDB store; analysis SQL runs in
 * ClickHouse's dialect against the `events_resolved` view.
 */
export class ClickHouseEventStore implements QueryableEventStore {
  readonly #client: ClickHouseClient;
  readonly #foldWaitMs: number;
  /** The log position a fold's mutation covers while ClickHouse runs it; null when none does. */
  #foldingUpTo: number | null = null;

  private constructor(client: ClickHouseClient, foldWaitMs: number) {
    this.#client = client;
    this.#foldWaitMs = foldWaitMs;
  }

  /**
   * Creates the tables if needed and drops events of a batch that was cut short before its
   * checkpoint. A fold waits up to `foldWaitMs` for its mutation (below the client's 30 s request timeout).
   */
  static async open(client: ClickHouseClient, options: { foldWaitMs?: number } = {}): Promise<ClickHouseEventStore> {
    for (const statement of CLICKHOUSE_SCHEMA) await client.command({ query: statement });
    const store = new ClickHouseEventStore(client, options.foldWaitMs ?? 20_000);
    const checkpoint = await store.checkpoint();
    const [past] = await store.#rows<{ n: number }>('SELECT count() AS n FROM events WHERE seq > {checkpoint:UInt64}', { checkpoint });
    if (past && past.n > 0) {
      await client.command({ query: 'DELETE FROM events WHERE seq > {checkpoint:UInt64}', query_params: { checkpoint }, clickhouse_settings: { mutations_sync: '2' } });
    }
    return store;
  }

  async checkpoint(): Promise<number> {
    const [row] = await this.#rows<{ value: number }>(`SELECT max(value) AS value FROM store_meta WHERE key = 'checkpoint'`);
    return row?.value ?? 0;
  }

  async write(batch: ResolvedBatch, rows: readonly SerializedRow[], checkpoint: number): Promise<void> {
    if (batch.newPersons.length + batch.links.length + batch.merges.length + batch.traits.length > 0) {
      const changes = personChanges(batch, await this.#currentPersons(batch));
      const version = checkpoint;
      await Promise.all([
        this.#insert(
          'persons',
          changes.persons.map((p) => ({
            project_id: p.projectId,
            person_id: p.personId,
            traits: JSON.stringify(p.traits),
            created_at: utc(p.createdAt),
            updated_at: utc(p.updatedAt),
            version,
            deleted: p.deleted ? 1 : 0,
          })),
        ),
        this.#insert('identities', changes.identities.map((i) => ({ project_id: i.projectId, distinct_key: i.id, person_id: i.personId, version }))),
        this.#insert('person_overrides', changes.overrides.map((o) => ({ project_id: o.projectId, old_person_id: o.id, person_id: o.personId, version }))),
      ]);
    }
    await this.#insert(
      'events',
      batch.events.map((e, i) => {
        const row = rows[i]!;
        return {
          seq: row.seq,
          project_id: e.projectId,
          id: e.id,
          type: e.type,
          event: e.event,
          anonymous_id: e.anonymousId,
          user_id: e.userId,
          person_id: e.personId,
          session_id: e.sessionId,
          channel: e.channel,
          timestamp: utc(e.timestamp),
          received_at: utc(e.receivedAt),
          properties: row.properties,
          context: row.context,
        };
      }),
    );
    await this.#insert('store_meta', [{ key: 'checkpoint', value: checkpoint }]);
  }

  /** The current rows of the persons a batch merges or gives traits to, and the pointers at merged-away persons. */
  async #currentPersons(batch: ResolvedBatch) {
    const { persons: byProject, mergedAway } = touchedPersons(batch);
    const persons: PersonState[] = [];
    const identities: Pointer[] = [];
    const overrides: Pointer[] = [];
    for (const [projectId, ids] of byProject) {
      const rows = await this.#rows<PersonRow>(
        `SELECT person_id, traits, toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(updated_at) AS updated_at
         FROM persons FINAL WHERE project_id = {projectId:String} AND person_id IN {ids:Array(String)}`,
        { projectId, ids },
      );
      for (const r of rows) {
        persons.push({ projectId, personId: r.person_id, traits: JSON.parse(r.traits) as Record<string, unknown>, createdAt: r.created_at, updatedAt: r.updated_at, deleted: false });
      }
    }
    for (const [projectId, ids] of mergedAway) {
      const params = { projectId, ids };
      const [keys, olds] = await Promise.all([
        this.#rows<{ id: string; person_id: string }>(
          `SELECT distinct_key AS id, person_id FROM identities FINAL WHERE project_id = {projectId:String} AND person_id IN {ids:Array(String)}`,
          params,
        ),
        this.#rows<{ id: string; person_id: string }>(
          `SELECT old_person_id AS id, person_id FROM person_overrides FINAL WHERE project_id = {projectId:String} AND person_id IN {ids:Array(String)}`,
          params,
        ),
      ]);
      for (const k of keys) identities.push({ projectId, id: k.id, personId: k.person_id });
      for (const o of olds) overrides.push({ projectId, id: o.id, personId: o.person_id });
    }
    return { persons, identities, overrides };
  }

  /**
   * Starts the mutation and waits for it up to `foldWaitMs`; a mutation still running then (a
   * large table on a server) is left to ClickHouse, and a later call deletes its overrides once
   * it is done, without waiting. Until then reads resolve the merges as before.
   */
  async foldMerges(): Promise<number> {
    if (this.#foldingUpTo === null) {
      const [pending] = await this.#rows<{ n: number }>(`SELECT count() AS n FROM person_overrides`);
      if (!pending?.n) return 0;
      const upTo = await this.checkpoint();
      // Not waited for in the request (chdb waits by default): a server's mutation can outlast an HTTP request.
      await this.#client.command({ query: foldMutation(upTo), clickhouse_settings: { mutations_sync: '0' } });
      this.#foldingUpTo = upTo;
      if (!(await this.#mutationsDone(this.#foldWaitMs))) return 0;
    } else if (!(await this.#mutationsDone(0))) {
      return 0;
    }
    const upTo = this.#foldingUpTo;
    const [folded] = await this.#rows<{ n: number }>(`SELECT count() AS n FROM (${MERGED}) WHERE at_version <= {upTo:UInt64}`, { upTo });
    for (const query of foldMemberSets(upTo)) await this.#client.command({ query, clickhouse_settings: { lightweight_deletes_sync: '2' } });
    await this.#client.command({ query: foldDeletion(upTo), clickhouse_settings: { lightweight_deletes_sync: '2' } });
    this.#foldingUpTo = null;
    return folded?.n ?? 0;
  }

  /** Whether every mutation of `events` is done, asking again for up to `waitMs`; a failing one is an error. */
  async #mutationsDone(waitMs: number): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const running = await this.#rows<{ fail: string }>(
        `SELECT latest_fail_reason AS fail FROM system.mutations WHERE database = currentDatabase() AND table = 'events' AND NOT is_done`,
      );
      const failed = running.find((m) => m.fail !== '');
      if (failed) throw new Error(`a mutation of the events table fails: ${failed.fail}`);
      if (running.length === 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async loadIdentities(visit: (projectId: string, key: string, personId: string) => void): Promise<void> {
    const result = await this.#client.query({ query: 'SELECT project_id, distinct_key, person_id FROM identities FINAL', format: 'JSONCompactEachRow' });
    for await (const chunk of result.stream<[string, string, string]>()) {
      for (const row of chunk) {
        const [projectId, key, personId] = row.json();
        visit(projectId, key, personId);
      }
    }
  }

  async loadOpenSessions(
    since: number,
    visit: (projectId: string, device: string, sessionId: string, start: number, last: number) => void,
  ): Promise<void> {
    const rows = await this.#rows<{ project_id: string; device: string; session_id: string; start: number; last: number }>(
      `SELECT project_id, coalesce(anonymous_id, user_id) AS device, argMax(session_id, timestamp) AS session_id,
              toUnixTimestamp64Milli(min(timestamp)) AS start, toUnixTimestamp64Milli(max(timestamp)) AS last
       FROM events WHERE received_at >= {since:DateTime64(3, 'UTC')} AND session_id IS NOT NULL GROUP BY project_id, device`,
      { since: utc(since) },
    );
    for (const r of rows) visit(r.project_id, r.device, r.session_id, r.start, r.last);
  }

  async loadRecentIds(since: number, limit: number, visit: (projectId: string, id: string, seq: number) => void): Promise<void> {
    const rows = await this.#rows<{ project_id: string; id: string; seq: number }>(
      `SELECT project_id, id, seq FROM (SELECT project_id, id, seq FROM events WHERE received_at >= {since:DateTime64(3, 'UTC')} ORDER BY seq DESC LIMIT {limit:UInt64}) ORDER BY seq`,
      { since: utc(since), limit },
    );
    for (const r of rows) visit(r.project_id, r.id, r.seq);
  }

  async loadRecentEvents(since: number, events: readonly string[], visit: (event: FrictionEvent) => void): Promise<void> {
    if (events.length === 0) return;
    const rows = await this.#rows<Omit<FrictionEvent, 'properties'> & { properties: string }>(
      `SELECT project_id AS projectId, id, event, anonymous_id AS anonymousId, user_id AS userId, person_id AS personId, session_id AS sessionId, channel,
         toUnixTimestamp64Milli(timestamp) AS timestamp, properties
       FROM events WHERE received_at >= {since:DateTime64(3, 'UTC')} AND event IN {events:Array(String)} ORDER BY seq`,
      { since: utc(since), events: [...events] },
    );
    for (const r of rows) visit({ ...r, properties: JSON.parse(r.properties) as Record<string, unknown> });
  }

  async listEvents(filter: EventFilter, limit: number, after: EventCursor | null): Promise<StoredEvent[]> {
    const where = whereClause(filter);
    const page = after ? ` AND (timestamp < {afterTs:DateTime64(3, 'UTC')} OR (timestamp = {afterTs:DateTime64(3, 'UTC')} AND seq < {afterSeq:UInt64}))` : '';
    const params = after ? { ...where.params, afterTs: utc(after.timestamp), afterSeq: after.seq } : where.params;
    const rows = await this.#rows<StoredEventRow>(`SELECT ${EVENT_SELECT} FROM events_resolved WHERE ${where.sql}${page} ORDER BY timestamp DESC, seq DESC LIMIT {limit:UInt64}`, {
      ...params,
      limit,
    });
    return rows.map(toStoredEvent);
  }

  async findPerson(projectId: string, id: string): Promise<Person | null> {
    const [row] = await this.#rows<PersonRow>(
      `SELECT person_id, traits, toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(updated_at) AS updated_at
       FROM persons FINAL WHERE project_id = {projectId:String} AND (person_id = {id:String} OR person_id IN (
         SELECT person_id FROM identities FINAL WHERE project_id = {projectId:String} AND distinct_key IN ('u:' || {id:String}, 'a:' || {id:String})))
       ORDER BY person_id = {id:String} DESC LIMIT 1`,
      { projectId, id },
    );
    if (!row) return null;
    const own = whereClause({ projectId, personId: row.person_id });
    const [ids, [stat]] = await Promise.all([
      this.#rows<{ distinct_key: string }>(
        `SELECT distinct_key FROM identities FINAL WHERE project_id = {projectId:String} AND person_id = {personId:String} ORDER BY distinct_key`,
        { projectId, personId: row.person_id },
      ),
      this.#rows<PersonStats>(
        `SELECT count() AS n, if(n = 0, NULL, toUnixTimestamp64Milli(min(timestamp))) AS first, if(n = 0, NULL, toUnixTimestamp64Milli(max(timestamp))) AS last,
                arraySort(groupUniqArray(channel)) AS channels
         FROM events_resolved WHERE ${own.sql}`,
        own.params,
      ),
    ]);
    return toPerson(
      projectId,
      row,
      ids.map((r) => r.distinct_key),
      stat,
    );
  }

  async exportEvents(filter: EventFilter, format: ExportFormat, file: string): Promise<number> {
    const where = whereClause(filter);
    const select = `SELECT id AS messageId, type, event, anonymous_id AS anonymousId, user_id AS userId, person_id AS personId,
      session_id AS sessionId, channel, formatDateTime(timestamp, '%Y-%m-%dT%H:%i:%S.%fZ') AS timestamp,
      formatDateTime(received_at, '%Y-%m-%dT%H:%i:%S.%fZ') AS receivedAt, properties, context
      FROM events_resolved WHERE ${where.sql} ORDER BY timestamp, seq`;
    const settings = { ...STORE_SETTINGS, formatdatetime_f_prints_scale_number_of_digits: 1 } as const;
    let count = 0;
    if (format === 'jsonl') {
      // Properties and context are JSON text in ClickHouse: written as objects, like the DuckDB store does.
      const result = await this.#client.query({ query: select, format: 'JSONEachRow', query_params: where.params, clickhouse_settings: settings });
      const lines = new Transform({
        objectMode: true,
        transform(rows: { json(): Record<string, unknown> }[], _encoding, done) {
          let text = '';
          for (const row of rows) {
            const r = row.json();
            text += `${JSON.stringify({ ...r, properties: JSON.parse(r['properties'] as string), context: JSON.parse(r['context'] as string) })}\n`;
          }
          count += rows.length;
          done(null, text);
        },
      });
      await pipeline(result.stream(), lines, createWriteStream(file));
      return count;
    }
    const result = await this.#client.exec({ query: `${select} FORMAT ${format === 'csv' ? 'CSVWithNames' : 'Parquet'}`, query_params: where.params, clickhouse_settings: settings });
    await pipeline(result.stream, createWriteStream(file));
    const [row] = await this.#rows<{ n: number }>(`SELECT count() AS n FROM events_resolved WHERE ${where.sql}`, where.params);
    return row?.n ?? 0;
  }

  async countEvents(projectId: string): Promise<number> {
    const [row] = await this.#rows<{ n: number }>('SELECT count() AS n FROM events WHERE project_id = {projectId:String}', { projectId });
    return row?.n ?? 0;
  }

  async putMemberSet(projectId: string, set: string, persons: readonly string[]): Promise<void> {
    // One INSERT, so one part: ClickHouse writes it whole or not at all.
    await this.#client.insert({ table: 'member_sets', values: persons.map((person_id) => ({ project_id: projectId, member_set: set, person_id })), format: 'JSONEachRow', clickhouse_settings: { max_insert_block_size: String(Math.max(1_048_576, persons.length)) } });
  }

  async dropMemberSet(projectId: string, set: string): Promise<void> {
    await this.#client.command({ query: 'DELETE FROM member_sets WHERE project_id = {projectId:String} AND member_set = {set:String}', query_params: { projectId, set } });
  }

  async query(sql: string, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    if (signal?.aborted) throw cancelled();
    try {
      const result = await this.#client.query({ query: sql, format: 'JSONEachRow', ...(signal ? { abort_signal: signal } : {}) });
      return await result.json<Record<string, unknown>>();
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.#client.close();
  }

  async #rows<T>(query: string, params: Params = {}): Promise<T[]> {
    const result = await this.#client.query({ query, format: 'JSONEachRow', query_params: params, clickhouse_settings: STORE_SETTINGS });
    return result.json<T>();
  }

  async #insert(table: string, values: Record<string, unknown>[]): Promise<void> {
    if (values.length > 0) await this.#client.insert({ table, values, format: 'JSONEachRow' });
  }
}

/**
 * The store's own queries name results like columns (`timestamp`, `session_id`): filters and
 * orders must still mean the columns, as in standard SQL, not ClickHouse's aliases.
 */
const STORE_SETTINGS = { prefer_column_name_to_alias: 1 } as const;

/** The WHERE clause of an event filter on `events_resolved`, with named parameters. */
function whereClause(filter: EventFilter): { sql: string; params: Params } {
  const parts = ['project_id = {projectId:String}'];
  const params: Params = { projectId: filter.projectId };
  if (filter.event !== undefined) {
    parts.push('event = {event:String}');
    params['event'] = filter.event;
  }
  if (filter.personId !== undefined) {
    // On the stored id (the person and those merged into it), so ClickHouse filters before the join.
    parts.push(`stored_person_id IN (SELECT {personId:String} UNION ALL
      SELECT old_person_id FROM person_overrides FINAL WHERE project_id = {projectId:String} AND person_id = {personId:String})`);
    params['personId'] = filter.personId;
  }
  if (filter.channel !== undefined) {
    parts.push('channel = {channel:String}');
    params['channel'] = filter.channel;
  }
  if (filter.from !== undefined) {
    parts.push(`timestamp >= {from:DateTime64(3, 'UTC')}`);
    params['from'] = utc(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push(`timestamp < {to:DateTime64(3, 'UTC')}`);
    params['to'] = utc(filter.to);
  }
  return { sql: parts.join(' AND '), params };
}

const EVENT_SELECT = `seq, project_id, id, type, event, anonymous_id, user_id, person_id, session_id, channel,
  toUnixTimestamp64Milli(timestamp) AS timestamp, toUnixTimestamp64Milli(received_at) AS received_at, properties, context`;

