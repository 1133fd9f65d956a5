import { IdentityGraph, Sessionizer, resolveEvents, type IncomingEvent } from '@waymark/core';
import { decodeRecord } from '../../ingest/event-record.ts';
import type { EventStore, SerializedRow } from '../event-store.ts';

interface Pending extends SerializedRow {
  readonly event: IncomingEvent;
}

const MAX_FLUSH = 200_000;

/**
 * Applies the write-ahead log to the event store: buffers durable records, then resolves
 * persons and sessions in log order and commits each batch together with its checkpoint.
 * If a commit fails, the identity graph and sessions are rebuilt from the store and the
 * records are kept for the next attempt.
 */
export class LogApplier {
  readonly #store: EventStore;
  readonly #lookbackMs: number;
  #graph = new IdentityGraph();
  #sessions = new Sessionizer();
  #buffer: Pending[] = [];

  constructor(store: EventStore, openSessionLookbackMs: number) {
    this.#store = store;
    this.#lookbackMs = openSessionLookbackMs;
  }

  get buffered(): number {
    return this.#buffer.length;
  }

  /** Rebuilds who-is-who and open sessions from what the store holds. */
  async load(now: number): Promise<void> {
    const graph = new IdentityGraph();
    const sessions = new Sessionizer();
    await this.#store.loadIdentities((projectId, key, personId) => graph.load(projectId, key, personId));
    await this.#store.loadOpenSessions(now - this.#lookbackMs, (p, device, id, start, last) => sessions.restore(p, device, id, start, last));
    this.#graph = graph;
    this.#sessions = sessions;
  }

  /** Takes `<seq>\t<record>\n` lines. */
  add(text: string): void {
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) return;
      const tab = text.indexOf('\t', start);
      const record = decodeRecord(text.slice(tab + 1, end));
      this.#buffer.push({ seq: Number(text.slice(start, tab)), event: record.event, properties: record.properties, context: record.context });
      start = end + 1;
    }
  }

  /** Commits what is buffered; returns the highest sequence number now in the store, or null if nothing was. */
  async flush(): Promise<number | null> {
    let upTo: number | null = null;
    while (this.#buffer.length > 0) {
      const take = this.#buffer.length > MAX_FLUSH ? this.#buffer.slice(0, MAX_FLUSH) : this.#buffer;
      // Detach what is taken before the write: records added while it runs go to a new buffer.
      this.#buffer = take === this.#buffer ? [] : this.#buffer.slice(MAX_FLUSH);
      const last = take[take.length - 1]!.seq;
      try {
        const resolved = resolveEvents(take.map((t) => t.event), this.#graph, this.#sessions);
        await this.#store.write(resolved, take, last);
      } catch (error) {
        this.#buffer = take.concat(this.#buffer);
        await this.load(Date.now());
        throw error;
      }
      upTo = last;
    }
    return upTo;
  }
}
