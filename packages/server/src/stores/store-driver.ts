import type { EventStore } from './event-store.ts';
import type { FrictionSettings } from '@waymark/core';
import { LogApplier, type FrictionOptions } from './worker/log-applier.ts';

export interface StoreDriverOptions {
  readonly flushIntervalMs: number;
  /** Events arriving at a device within this lookback may still be in a session on restart. */
  readonly openSessionLookbackMs: number;
  /** Friction detection as events are stored (on by default) and each project's thresholds. */
  readonly friction?: FrictionOptions;
  /** How often merged persons' events are folded (EventStore.foldMerges) after a flush; 0: never on its own. */
  readonly foldMergesEveryMs: number;
}

export interface StoreDriverEvents {
  /** Every record up to `seq` is committed in the store and readable. */
  visible(seq: number): void;
  flushFailed(message: string): void;
  /** Something went wrong that loses nothing (a fold that will be tried again). */
  warning(message: string): void;
}

/**
 * Moves the write-ahead log into an event store: buffers shipped records and commits them
 * every `flushIntervalMs` (or when asked), one flush at a time, reporting how far the store
 * has caught up. The same loop runs in the DuckDB worker and beside a ClickHouse store.
 */
export class StoreDriver {
  readonly #store: EventStore;
  readonly #applier: LogApplier;
  readonly #events: StoreDriverEvents;
  readonly #timer: NodeJS.Timeout;
  readonly #foldEveryMs: number;
  #nextFoldAt = 0;
  /** The flush or fold under way: the store takes one write at a time. */
  #flushing: Promise<void> | null = null;
  #failed = false;

  private constructor(store: EventStore, applier: LogApplier, options: StoreDriverOptions, events: StoreDriverEvents) {
    this.#store = store;
    this.#applier = applier;
    this.#events = events;
    this.#foldEveryMs = options.foldMergesEveryMs;
    this.#timer = setInterval(() => void this.flush(), options.flushIntervalMs);
    this.#timer.unref();
  }

  /** Starts the flush loop; identities and open sessions are rebuilt from the store before the first write. */
  static start(store: EventStore, options: StoreDriverOptions, events: StoreDriverEvents): StoreDriver {
    return new StoreDriver(store, new LogApplier(store, options.openSessionLookbackMs, options.friction), options, events);
  }

  add(text: string): void {
    this.#applier.add(text);
  }

  setFrictionSettings(projectId: string, settings: FrictionSettings): void {
    this.#applier.setFrictionSettings(projectId, settings);
  }

  /** Commits what is buffered (after any flush under way); resolves false if the store refused it. */
  flush(): Promise<boolean> {
    if (this.#flushing) return this.#flushing.then(() => (this.#applier.buffered > 0 ? this.flush() : !this.#failed));
    const flushing = this.#applier.flush().then(
      async (upTo) => {
        this.#failed = false;
        if (upTo !== null) this.#events.visible(upTo);
        if (this.#foldEveryMs > 0 && Date.now() >= this.#nextFoldAt) {
          this.#nextFoldAt = Date.now() + this.#foldEveryMs;
          await this.#store.foldMerges().catch((error: unknown) => this.#events.warning(`folding merged persons failed, to be tried again: ${error instanceof Error ? error.message : String(error)}`));
        }
      },
      (error: unknown) => {
        this.#failed = true;
        this.#events.flushFailed(error instanceof Error ? error.message : String(error));
      },
    );
    this.#flushing = flushing.finally(() => {
      this.#flushing = null;
    });
    return this.#flushing.then(() => !this.#failed);
  }

  /** Folds merged persons' events now, between flushes; resolves with how many merged ids were folded. */
  async foldMerges(): Promise<number> {
    while (this.#flushing) await this.#flushing;
    const folding = this.#store.foldMerges();
    const done = () => {
      this.#flushing = null;
    };
    this.#flushing = folding.then(done, done);
    return folding;
  }

  /** Stops the loop after a last flush. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
