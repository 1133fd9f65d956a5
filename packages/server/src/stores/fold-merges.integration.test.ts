import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { encodeRecord } from '../ingest/event-record.ts';
import { batchWriter, incoming } from '../testing/incoming-event.ts';
import { EVENT_STORES, postJson, startTestServer, type TestServer } from '../testing/test-server.ts';
import { openClickHouse } from './clickhouse/clickhouse-client.ts';
import { ClickHouseEventStore } from './clickhouse/clickhouse-event-store.ts';
import { CLICKHOUSE_SCHEMA } from './clickhouse/clickhouse-schema.ts';
import { DuckDbEventStore } from './duckdb/duckdb-event-store.ts';
import { DUCKDB_SCHEMA } from './duckdb/schema.ts';
import type { EventStore } from './event-store.ts';
import { StoreDriver } from './store-driver.ts';

const root = mkdtempSync(path.join(tmpdir(), 'waymark-fold-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = () => mkdirSync(path.join(root, String(++folders)), { recursive: true })!;

/** Stored events whose person is still resolved through an override, read through the view. */
const UNFOLDED = `SELECT count(*) AS n FROM events_resolved WHERE person_id <> stored_person_id`;

interface Opened {
  readonly store: EventStore;
  readonly count: (sql: string) => Promise<number>;
}

/**
 * Each store, opened on a folder, with a way to run SQL on it. `earlier` first lays down its tables as they were
 * before folding existed (ClickHouse's have not changed), with one merge.
 */
const STORES = [
  {
    name: 'duckdb',
    async open(dir: string): Promise<Opened> {
      const store = await DuckDbEventStore.open(path.join(dir, 'events.duckdb'), { memoryLimit: '1GB' });
      const count = async (sql: string) => {
        const connection = await store.connect();
        try {
          return Number((await connection.runAndReadAll(sql)).getRowObjectsJson()[0]!['n']);
        } finally {
          connection.closeSync();
        }
      };
      return { store, count };
    },
    async earlier(dir: string): Promise<void> {
      const instance = await DuckDBInstance.create(path.join(dir, 'events.duckdb'));
      const c = await instance.connect();
      for (const sql of DUCKDB_SCHEMA.filter((s) => s.includes('CREATE TABLE'))) await c.run(sql.replace(/folded BOOLEAN[^,]*,/, ''));
      await c.run(`INSERT INTO events VALUES (1, 'p1', 'm1', 'track', 'view', 'a9', NULL, 'old', NULL, 'web', TIMESTAMP '2026-01-05 09:00:00', TIMESTAMP '2026-01-05 09:00:00', '{}', '{}')`);
      await c.run(`INSERT INTO person_overrides VALUES ('p1', 'old', 'new')`);
      c.closeSync();
      instance.closeSync();
    },
  },
  {
    name: 'clickhouse (chdb)',
    async open(dir: string): Promise<Opened> {
      const store = await ClickHouseEventStore.open(await openClickHouse({ kind: 'chdb', path: dir }));
      return { store, count: async (sql: string) => Number((await store.query(sql))[0]!['n']) };
    },
    async earlier(dir: string): Promise<void> {
      const client = await openClickHouse({ kind: 'chdb', path: dir });
      for (const sql of CLICKHOUSE_SCHEMA.filter((s) => s.includes('CREATE TABLE'))) await client.command({ query: sql });
      await client.insert({
        table: 'events',
        values: [{ seq: 1, project_id: 'p1', id: 'm1', type: 'track', event: 'view', anonymous_id: 'a9', person_id: 'old', channel: 'web', timestamp: '2026-01-05 09:00:00.000', received_at: '2026-01-05 09:00:00.000', properties: '{}', context: '{}' }],
        format: 'JSONEachRow',
      });
      await client.insert({ table: 'person_overrides', values: [{ project_id: 'p1', old_person_id: 'old', person_id: 'new', version: 1 }], format: 'JSONEachRow' });
      await client.insert({ table: 'store_meta', values: [{ key: 'checkpoint', value: 1 }], format: 'JSONEachRow' });
      await client.close();
    },
  },
] as const;

describe.each(STORES)('folding merges on the $name store', (kind) => {
  it('rewrites merged persons’ events to the person they now are, reads the same before and after, and chains later merges onto them', async () => {
    const dir = folder();
    const { store, count } = await kind.open(dir);
    const write = batchWriter(store);
    const reads = async () => ({
      events: (await store.listEvents({ projectId: 'p1' }, 50, null)).map((e) => [e.id, e.personId]),
      person: await store.findPerson('p1', 'a1'),
      ofPerson: (await store.listEvents({ projectId: 'p1', personId: (await store.findPerson('p1', 'u1'))!.personId }, 50, null)).map((e) => e.id),
    });
    try {
      await write([incoming(1, { anonymousId: 'a1' }), incoming(2, { userId: 'u1' }, 'identify', { plan: 'pro' }), incoming(3, { anonymousId: 'a2' })]);
      // A fixed cohort of both, saved before they turn out to be one person.
      const both = await Promise.all(['a1', 'u1'].map(async (id) => (await store.findPerson('p1', id))!.personId));
      await store.putMemberSet('p1', 'mem_both', both);
      await write([incoming(4, { anonymousId: 'a1', userId: 'u1' }, 'identify')]);
      const before = await reads();
      expect(before.person).toMatchObject({ ids: { anonymousIds: ['a1'], userIds: ['u1'] }, eventCount: 3 });
      expect(await count(UNFOLDED)).toBeGreaterThan(0);
      /** The set's members that are the person a1 and u1 are now. */
      const asNow = (table: string) => count(`SELECT count(*) AS n FROM ${table} WHERE member_set = 'mem_both' AND person_id = '${before.person!.personId}'`);
      expect(await asNow('member_sets_resolved')).toBe(2);
      expect(await asNow('member_sets')).toBe(1);

      expect(await store.foldMerges()).toBe(1);
      expect(await count(UNFOLDED)).toBe(0);
      expect(await reads()).toEqual(before);
      expect(await asNow('member_sets_resolved')).toBe(2);
      expect(await asNow('member_sets')).toBe(2);
      expect(await store.foldMerges()).toBe(0);

      // a2 joins the person whose events were folded: the chain resolves through the new override.
      await write([incoming(5, { anonymousId: 'a2', userId: 'u1' }, 'identify'), incoming(6, { anonymousId: 'a1' })]);
      const chained = await reads();
      expect(new Set(chained.events.map(([, person]) => person))).toEqual(new Set([chained.person!.personId]));
      expect(chained.ofPerson).toHaveLength(6);
      expect(await store.foldMerges()).toBeGreaterThanOrEqual(1);
      expect(await count(UNFOLDED)).toBe(0);
      expect(await reads()).toEqual(chained);
    } finally {
      await store.close();
    }

    const { store: reopened } = await kind.open(dir);
    try {
      expect(await reopened.foldMerges()).toBe(0);
      expect((await reopened.findPerson('p1', 'a2'))?.eventCount).toBe(6);
    } finally {
      await reopened.close();
    }
  });

  it('opens a store written before folding existed, and folds it', async () => {
    const dir = folder();
    await kind.earlier(dir);
    const { store, count } = await kind.open(dir);
    try {
      expect((await store.listEvents({ projectId: 'p1' }, 10, null)).map((e) => e.personId)).toEqual(['new']);
      expect(await store.foldMerges()).toBe(1);
      expect(await count(UNFOLDED)).toBe(0);
      expect((await store.listEvents({ projectId: 'p1' }, 10, null)).map((e) => e.personId)).toEqual(['new']);
    } finally {
      await store.close();
    }
  });
});

describe('folding merges on ClickHouse, when the mutation outlasts its wait', () => {
  it('leaves the mutation to ClickHouse, reads as before meanwhile, and deletes the folded overrides at a later turn once it is done', async () => {
    const client = await openClickHouse({ kind: 'chdb', path: folder() });
    const store = await ClickHouseEventStore.open(client, { foldWaitMs: 200 });
    const count = async (sql: string) => Number((await store.query(sql))[0]!['n']);
    const mutations = `SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND table = 'events'`;
    try {
      const write = batchWriter(store);
      await write([incoming(1, { anonymousId: 'a1' }), incoming(2, { userId: 'u1' }, 'identify')]);
      await write([incoming(3, { anonymousId: 'a1', userId: 'u1' }, 'identify')]);
      const before = (await store.listEvents({ projectId: 'p1' }, 10, null)).map((e) => [e.id, e.personId]);
      const started = await count(mutations);
      // A server busy with other parts: the mutation waits.
      await client.command({ query: 'SYSTEM STOP MERGES events' });
      expect(await store.foldMerges()).toBe(0);
      expect(await store.foldMerges()).toBe(0);
      expect(await count(mutations)).toBe(started + 1);
      expect(await count(UNFOLDED)).toBeGreaterThan(0);
      expect((await store.listEvents({ projectId: 'p1' }, 10, null)).map((e) => [e.id, e.personId])).toEqual(before);

      await client.command({ query: 'SYSTEM START MERGES events' });
      await vi.waitFor(async () => expect(await store.foldMerges()).toBe(1), { timeout: 10_000, interval: 100 });
      expect(await count(mutations)).toBe(started + 1);
      expect(await count('SELECT count() AS n FROM person_overrides')).toBe(0);
      expect(await count(UNFOLDED)).toBe(0);
      expect((await store.listEvents({ projectId: 'p1' }, 10, null)).map((e) => [e.id, e.personId])).toEqual(before);
    } finally {
      await store.close();
    }
  });
});

describe.each(EVENT_STORES)('the server on the $name store', ({ env }) => {
  it('folds merges on its own after a flush when WAYMARK_FOLD_MERGES_MINUTES allows it, and not when it is 0', async () => {
    const dataDir = folder();
    const send = async (server: TestServer, batch: unknown[]) => {
      expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth })).status).toBe(200);
      await server.runtime.pipeline.waitVisible();
    };
    const unfolded = async (server: TestServer) => Number((await server.runtime.events.query(UNFOLDED))[0]!['n']);

    const never = await startTestServer({ dataDir, env: { ...env, WAYMARK_FOLD_MERGES_MINUTES: '0' } });
    try {
      await send(never, [
        { type: 'track', event: 'view', anonymousId: 'a1', messageId: 'm1' },
        { type: 'identify', anonymousId: 'a2', userId: 'u1', messageId: 'm2' },
      ]);
      await send(never, [{ type: 'identify', anonymousId: 'a1', userId: 'u1', messageId: 'm3' }]);
      await never.runtime.events.flush();
      expect(await unfolded(never)).toBeGreaterThan(0);
    } finally {
      await never.stop();
    }

    const often = await startTestServer({ dataDir, env: { ...env, WAYMARK_FOLD_MERGES_MINUTES: '1' } });
    try {
      await send(often, [{ type: 'track', event: 'view', anonymousId: 'a1', messageId: 'm4' }]);
      await vi.waitFor(async () => expect(await unfolded(often)).toBe(0), { timeout: 10_000, interval: 50 });
    } finally {
      await often.stop();
    }
  });

});

describe('the store driver', () => {
  it('runs a fold asked for during a flush after that flush, never beside it', async () => {
    const store = await DuckDbEventStore.open(path.join(folder(), 'events.duckdb'), { memoryLimit: '1GB' });
    const driver = StoreDriver.start(store, { flushIntervalMs: 60_000, openSessionLookbackMs: 0, foldMergesEveryMs: 0 }, { visible: () => undefined, flushFailed: () => undefined, warning: () => undefined });
    let seq = 0;
    const add = (events: ReturnType<typeof incoming>[]) => driver.add(events.map((e) => `${++seq}\t${encodeRecord(e, '{}', '{}')}\n`).join(''));
    try {
      add([incoming(1, { anonymousId: 'a1' }), incoming(2, { userId: 'u1' }, 'identify')]);
      await driver.flush();
      add([incoming(3, { anonymousId: 'a1', userId: 'u1' }, 'identify')]);
      const flushing = driver.flush();
      const folding = driver.foldMerges();
      add([incoming(4, { anonymousId: 'a1' })]);
      const next = driver.flush();
      expect([await flushing, await folding, await next]).toEqual([true, 1, true]);
      const c = await store.connect();
      const stored = (await c.runAndReadAll(`SELECT count(DISTINCT person_id)::INTEGER AS n FROM events`)).getRowObjectsJson();
      c.closeSync();
      expect(stored).toEqual([{ n: 1 }]);
    } finally {
      await driver.stop();
      await store.close();
    }
  });

  it('keeps flushing when a fold fails, warns, and tries again at the next turn', async () => {
    const store = await DuckDbEventStore.open(path.join(folder(), 'events.duckdb'), { memoryLimit: '1GB' });
    let attempts = 0;
    const fold = () => {
      attempts++;
      return Promise.reject(new Error('no space left on device'));
    };
    // The real store, but for its fold.
    const failing = new Proxy(store, {
      get: (target, key) => {
        if (key === 'foldMerges') return fold;
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const warnings: string[] = [];
    const visible: number[] = [];
    const driver = StoreDriver.start(failing, { flushIntervalMs: 60_000, openSessionLookbackMs: 0, foldMergesEveryMs: 1 }, { visible: (seq) => visible.push(seq), flushFailed: () => undefined, warning: (m) => warnings.push(m) });
    try {
      driver.add(`1\t${encodeRecord(incoming(1, { anonymousId: 'a1' }), '{}', '{}')}\n`);
      expect(await driver.flush()).toBe(true);
      expect(visible).toEqual([1]);
      expect(warnings).toEqual([expect.stringContaining('no space left on device')]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      driver.add(`2\t${encodeRecord(incoming(2, { anonymousId: 'a1' }), '{}', '{}')}\n`);
      expect(await driver.flush()).toBe(true);
      expect(visible).toEqual([1, 2]);
      expect(attempts).toBe(2);
      expect(await store.countEvents('p1')).toBe(2);
    } finally {
      await driver.stop();
      await store.close();
    }
  });
});
