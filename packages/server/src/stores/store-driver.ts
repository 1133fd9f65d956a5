import type { EventStore } from './event-store.ts';
import type { FrictionSettings } from '@waymark/core';
import { LogApplier, type FrictionOptions } from './worker/log-applier.ts';

export interface StoreDriverOptions {
  readonly flushIntervalMs: number;
  /** Events arriving at a device within this lookback may still be in a session on restart. */
  readonly openSessionLookbackMs: number;
  /** Friction detection as events are stored (on by default) and each project's thresholds. */
  readonly friction?: FrictionOptions;
}

export interface StoreDriverEvents {
  /** Every record up to `seq` is committed in the store and readable. */
  visible(seq: number): void;
  flushFailed(message: string): void;
}

/**
 * Moves the write-ahead log into an event store: buffers shipped records and commits them
 * every `flushIntervalMs` (or when asked), one flush at a time, reporting how far the store
 * has caught up. The same loop runs in the DuckDB worker and beside a ClickHouse store.
 */
export class StoreDriver {
  readonly #applier: LogApplier;
  readonly #events: StoreDriverEvents;
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> | null = null;
  #failed = false;

  private constructor(applier: LogApplier, options: StoreDriverOptions, events: StoreDriverEvents) {
    this.#applier = applier;
    this.#events = events;
    this.#timer = setInterval(() => void this.flush(), options.flushIntervalMs);
    this.#timer.unref();
  }

  /** Rebuilds identities and open sessions from the store, then starts the flush loop. */
  static async start(store: EventStore, options: StoreDriverOptions, events: StoreDriverEvents): Promise<StoreDriver> {
    const applier = new LogApplier(store, options.openSessionLookbackMs, options.friction);
    await applier.load(Date.now());
    return new StoreDriver(applier, options, events);
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
      (upTo) => {
        this.#failed = false;
        if (upTo !== null) this.#events.visible(upTo);
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

  /** Stops the loop after a last flush. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
