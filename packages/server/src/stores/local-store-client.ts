import type { FrictionSettings } from '@waymark/core';
import type { EventStore } from './event-store.ts';
import type { StoreHandle } from './store-handle.ts';
import { StoreDriver, type StoreDriverOptions } from './store-driver.ts';
import { unavailable } from './worker/store-worker-client.ts';

/** An event store that also answers analysis SQL itself (ClickHouse does the work in its own server). */
export interface QueryableEventStore extends EventStore {
  query(sql: string, signal?: AbortSignal): Promise<Record<string, unknown>[]>;
}

/**
 * A store driven on the main thread: for ClickHouse, whose work happens in ClickHouse (a
 * server, or chdb's own threads), so a worker thread would only add copying.
 */
export class LocalStoreClient implements StoreHandle {
  readonly #store: QueryableEventStore;
  readonly #onVisible: (seq: number) => void;
  #driver!: StoreDriver;
  #visibleSeq: number;
  #waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = [];

  private constructor(store: QueryableEventStore, checkpoint: number, onVisible: (seq: number) => void) {
    this.#store = store;
    this.#visibleSeq = checkpoint;
    this.#onVisible = onVisible;
  }

  static async start(store: QueryableEventStore, options: StoreDriverOptions, onVisible: (seq: number) => void, onWarning: (message: string) => void): Promise<LocalStoreClient> {
    const client = new LocalStoreClient(store, await store.checkpoint(), onVisible);
    client.#driver = StoreDriver.start(store, options, {
      visible: (seq) => client.#visible(seq),
      flushFailed: (message) => client.#failWaiters(message),
      warning: onWarning,
    });
    return client;
  }

  get checkpoint(): number {
    return this.#visibleSeq;
  }

  listEvents(...args: Parameters<EventStore['listEvents']>) {
    return this.#store.listEvents(...args);
  }

  findPerson(...args: Parameters<EventStore['findPerson']>) {
    return this.#store.findPerson(...args);
  }

  exportEvents(...args: Parameters<EventStore['exportEvents']>) {
    return this.#store.exportEvents(...args);
  }

  countEvents(...args: Parameters<EventStore['countEvents']>) {
    return this.#store.countEvents(...args);
  }

  putMemberSet(...args: Parameters<EventStore['putMemberSet']>) {
    return this.#store.putMemberSet(...args);
  }

  dropMemberSet(...args: Parameters<EventStore['dropMemberSet']>) {
    return this.#store.dropMemberSet(...args);
  }

  async recentIds(since: number, limit: number): Promise<[string, string, number][]> {
    const ids: [string, string, number][] = [];
    await this.#store.loadRecentIds(since, limit, (projectId, id, seq) => ids.push([projectId, id, seq]));
    return ids;
  }

  query(sql: string, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    return this.#store.query(sql, signal);
  }

  setFrictionSettings(projectId: string, settings: FrictionSettings): void {
    this.#driver.setFrictionSettings(projectId, settings);
  }

  shipLog(text: string): void {
    this.#driver.add(text);
  }

  async flush(): Promise<void> {
    if (!(await this.#driver.flush())) throw unavailable('the event store cannot take writes right now');
  }

  foldMerges(): Promise<number> {
    return this.#driver.foldMerges();
  }

  waitVisible(seq: number): Promise<void> {
    if (seq <= this.#visibleSeq) return Promise.resolve();
    const visible = new Promise<void>((resolve, reject) => this.#waiters.push({ seq, resolve, reject }));
    void this.#driver.flush();
    return visible;
  }

  async close(): Promise<void> {
    await this.#driver.stop();
    await this.#store.close();
  }

  #visible(seq: number): void {
    this.#visibleSeq = seq;
    const waiting = this.#waiters;
    this.#waiters = waiting.filter((w) => w.seq > seq);
    for (const w of waiting) if (w.seq <= seq) w.resolve();
    this.#onVisible(seq);
  }

  #failWaiters(message: string): void {
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const w of waiting) w.reject(unavailable(message));
  }
}
