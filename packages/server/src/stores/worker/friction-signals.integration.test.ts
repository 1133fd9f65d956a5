import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FRICTION_EVENT_NAMES, type IncomingEvent } from '@waymark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRecord } from '../../ingest/event-record.ts';
import { openClickHouse } from '../clickhouse/clickhouse-client.ts';
import { ClickHouseEventStore } from '../clickhouse/clickhouse-event-store.ts';
import { DuckDbEventStore } from '../duckdb/duckdb-event-store.ts';
import type { EventStore, StoredEvent } from '../event-store.ts';
import { LogApplier } from './log-applier.ts';

// The store path itself: the LogApplier over each real store, fed write-ahead log records.
const dir = mkdtempSync(path.join(tmpdir(), 'waymark-friction-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STORES = [
  { name: 'duckdb', open: (): Promise<EventStore> => DuckDbEventStore.open(path.join(dir, 'events.duckdb'), { memoryLimit: '256MB', threads: 1 }) },
  { name: 'clickhouse (chdb)', open: async (): Promise<EventStore> => ClickHouseEventStore.open(await openClickHouse({ kind: 'chdb', path: path.join(dir, 'chdb') })) },
] as const;

const T0 = Date.UTC(2026, 2, 2, 9);
const LOOKBACK = 2 * 3_600_000;

/** One visit with every kind of session friction, and two tickets on one topic. */
function script(projectId: string): { event: IncomingEvent; properties: Record<string, unknown>; context: Record<string, unknown> }[] {
  const out: { event: IncomingEvent; properties: Record<string, unknown>; context: Record<string, unknown> }[] = [];
  const now = Date.now();
  const add = (t: number, type: IncomingEvent['type'], name: string, properties: Record<string, unknown>, who: { anonymousId?: string; userId?: string; channel?: string } = {}) =>
    out.push({
      event: {
        projectId,
        id: `m${out.length}`,
        type,
        event: name,
        anonymousId: who.anonymousId ?? (who.userId ? null : 'dev-1'),
        userId: who.userId ?? null,
        sessionId: null,
        channel: who.channel ?? 'web',
        timestamp: T0 + t,
        receivedAt: now - 60_000 + out.length,
        previousId: null,
        traits: type === 'identify' ? { plan: 'pro' } : null,
        properties: {},
        context: {},
      },
      properties,
      context: { page: { path: properties['path'] ?? null } },
    });
  const click = (t: number, x: number, observed: string) => add(t, 'track', '$click', { path: '/checkout/payment', selector: 'button#apply', x, y: 300, observed });
  add(0, 'identify', '$identify', {}, { anonymousId: 'dev-1', userId: 'u-1' });
  add(10, 'page', '$page', { path: '/cart', load_time_ms: 600 });
  add(10_000, 'page', '$page', { path: '/pages/shipping-returns', load_time_ms: 700 });
  add(13_000, 'page', '$page', { path: '/cart', load_time_ms: 500 });
  add(30_000, 'page', '$page', { path: '/checkout/payment', load_time_ms: 4800 });
  click(40_000, 100, 'none');
  add(40_200, 'track', '$exception', { path: '/checkout/payment', message: "TypeError: reading 'vatRate'" });
  click(41_000, 104, 'none');
  click(41_150, 98, 'none');
  click(41_300, 101, 'none');
  click(41_450, 103, 'none');
  add(60_000, 'track', '$form_field_focus', { path: '/checkout/payment', form: 'card', field: 'number' });
  add(65_000, 'track', '$form_field_blur', { path: '/checkout/payment', form: 'card', field: 'number', duration_ms: 5000 });
  add(70_000, 'track', '$form_abandon', { path: '/checkout/payment', form: 'card', last_field: 'number', fields_touched: 1 });
  add(3_600_000, 'track', 'Ticket Created', { topic: 'promo_code' }, { userId: 'u-1', channel: 'support' });
  add(3_600_000 + 86_400_000, 'track', 'Ticket Created', { topic: 'promo_code' }, { userId: 'u-1', channel: 'support' });
  return out;
}

/** The expected signals of the script: kind and where. */
const EXPECTED = ['$dead_click', '$dead_click', '$dead_click', '$dead_click', '$dead_click', '$error_click', '$form_abandon_field', '$rage_click', '$repeated_contact', '$slow_page', '$u_turn'];

const lines = (projectId: string, firstSeq: number) =>
  script(projectId).map((s, i) => `${firstSeq + i}\t${encodeRecord(s.event, JSON.stringify(s.properties), JSON.stringify(s.context))}\n`);

async function signalsOf(store: EventStore, projectId: string): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (const event of FRICTION_EVENT_NAMES) all.push(...(await store.listEvents({ projectId, event }, 1000, null)));
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

/** The store, with `before` called ahead of each of its methods (throwing there fails the call). */
function intercepted(store: EventStore, before: (method: string) => unknown): EventStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (typeof key === 'string') before(key);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe.each(STORES)('friction signals in the store path, on $name', ({ open }) => {
  let store: EventStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  let seq = 0;
  const nextSeqs = (n: number) => {
    const first = seq + 1;
    seq += n;
    return first;
  };

  it('stores every signal once, in its trigger session and person, with (timestamp, seq) unique for paging', async () => {
    const applier = new LogApplier(store, LOOKBACK);
    const records = lines('straight', nextSeqs(script('x').length));
    applier.add(records.join(''));
    await applier.flush();
    const signals = await signalsOf(store, 'straight');
    expect(signals.map((s) => s.event).sort()).toEqual(EXPECTED);
    const rage = signals.find((s) => s.event === '$rage_click')!;
    expect(rage.properties).toMatchObject({ path: '/checkout/payment', selector: 'button#apply', value: 3, threshold: 3, kind: 'rage_click' });
    const uTurn = signals.find((s) => s.event === '$u_turn')!;
    expect(uTurn.properties).toMatchObject({ path: '/pages/shipping-returns', back_to: '/cart', value: 2300 });
    const clicks = await store.listEvents({ projectId: 'straight', event: '$click' }, 10, null);
    expect(new Set(signals.filter((s) => s.event !== '$repeated_contact').map((s) => s.sessionId))).toEqual(new Set([clicks[0]!.sessionId]));
    expect(new Set(signals.map((s) => s.personId))).toEqual(new Set([clicks[0]!.personId]));
    // Paging one event at a time visits each stored event exactly once.
    const seen: string[] = [];
    let after: { timestamp: number; seq: number } | null = null;
    for (;;) {
      const page: StoredEvent[] = await store.listEvents({ projectId: 'straight' }, 1, after);
      if (page.length === 0) break;
      seen.push(page[0]!.id);
      after = { timestamp: page[0]!.timestamp, seq: page[0]!.seq };
    }
    expect(seen.length).toBe(script('x').length + EXPECTED.length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('stores the same signals exactly once when the log is replayed after a crash at any point', async () => {
    const straight = (await signalsOf(store, 'straight')).map((s) => s.event + ':' + String(s.properties['source_ids'])).sort();
    const n = script('x').length;
    for (let cut = 1; cut < n; cut++) {
      const projectId = `cut${cut}`;
      const records = lines(projectId, nextSeqs(n));
      const before = new LogApplier(store, LOOKBACK);
      before.add(records.slice(0, cut).join(''));
      await before.flush();
      // Acknowledged but not committed when the process died: the log holds them, the store does not.
      before.add(records.slice(cut).join(''));
      // As on a restart: the first flush rebuilds identities, sessions and detectors from the store.
      const after = new LogApplier(store, LOOKBACK);
      after.add(records.slice(cut).join(''));
      await after.flush();
      const signals = (await signalsOf(store, projectId)).map((s) => s.event + ':' + String(s.properties['source_ids'])).sort();
      expect(signals, `cut after record ${cut}`).toEqual(straight);
    }
  });

  it('reads nothing from the store until it has records to write, then rebuilds once', async () => {
    const reads: string[] = [];
    const applier = new LogApplier(
      intercepted(store, (method) => method.startsWith('load') && reads.push(method)),
      LOOKBACK,
    );
    expect(await applier.flush()).toBeNull();
    expect(reads).toEqual([]);
    const records = lines('lazy', nextSeqs(script('x').length));
    applier.add(records.slice(0, 5).join(''));
    await applier.flush();
    expect(reads).toEqual(['loadIdentities', 'loadOpenSessions', 'loadRecentEvents', 'loadRecentEvents']);
    applier.add(records.slice(5).join(''));
    await applier.flush();
    expect(reads).toHaveLength(4);
    expect((await signalsOf(store, 'lazy')).map((s) => s.event).sort()).toEqual(EXPECTED);
  });

  it('rebuilds from the store after a failed write, even when the store fails that rebuild too', async () => {
    const down = new Set<string>();
    const applier = new LogApplier(
      intercepted(store, (method) => {
        if (down.delete(method)) throw new Error(`${method} is down`);
      }),
      LOOKBACK,
    );
    const record = (type: IncomingEvent['type'], anonymousId: string | null, userId: string | null) => {
      const seq = nextSeqs(1);
      const event: IncomingEvent = {
        projectId: 'rebuild', id: `r${seq}`, type, event: type === 'identify' ? '$identify' : 'view', anonymousId, userId, sessionId: null, channel: 'web',
        timestamp: Date.now() - 60_000 + seq, receivedAt: Date.now() - 60_000 + seq, previousId: null, traits: type === 'identify' ? {} : null, properties: {}, context: {},
      };
      return `${seq}\t${encodeRecord(event, '{}', '{}')}\n`;
    };
    applier.add(record('identify', null, 'u1') + record('track', 'a2', null));
    await applier.flush();
    // The merge of a2 into u1 resolves in memory, then its write fails, and so does the first rebuild.
    applier.add(record('identify', 'a2', 'u1'));
    down.add('write').add('loadIdentities');
    await expect(applier.flush()).rejects.toThrow('write is down');
    await expect(applier.flush()).rejects.toThrow('loadIdentities is down');
    await applier.flush();
    expect((await store.findPerson('rebuild', 'a2'))!.personId).toBe((await store.findPerson('rebuild', 'u1'))!.personId);
  });

  it('stores no signal with detection off', async () => {
    const applier = new LogApplier(store, LOOKBACK, { enabled: false });
    applier.add(lines('off', nextSeqs(script('x').length)).join(''));
    await applier.flush();
    expect(await signalsOf(store, 'off')).toEqual([]);
    expect(await store.countEvents('off')).toBe(script('x').length);
  });
});
