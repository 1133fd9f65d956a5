import type { FrictionSettings } from '@waymark/core';
import type { EventReader, EventStore } from '../event-store.ts';
import type { StoreDriverOptions } from '../store-driver.ts';

/** The event store's reads and the fixed cohorts' member sets, answered by the worker that owns the store. */
export type StoreMethod = keyof EventReader;

export interface StoreWorkerOptions extends StoreDriverOptions {
  readonly file: string;
  readonly memoryLimit: string;
}

/** Messages from the main thread to the store worker. */
export type ToWorker =
  | { readonly kind: 'call'; readonly id: number; readonly method: StoreMethod; readonly args: Parameters<EventStore[StoreMethod]> }
  /** Durable log records, `<seq>\t<record>\n` lines, up to sequence number `upTo`. */
  | { readonly kind: 'log'; readonly text: string; readonly upTo: number }
  | { readonly kind: 'flush'; readonly id: number }
  | { readonly kind: 'fold'; readonly id: number }
  /** Analysis SQL, on a connection of its own so that `cancel` can interrupt it. */
  | { readonly kind: 'query'; readonly id: number; readonly sql: string }
  | { readonly kind: 'cancel'; readonly queryId: number }
  | { readonly kind: 'recent-ids'; readonly id: number; readonly since: number; readonly limit: number }
  | { readonly kind: 'close'; readonly id: number }
  /** A project's friction thresholds changed. */
  | { readonly kind: 'friction-settings'; readonly projectId: string; readonly settings: FrictionSettings };

/** Messages from the store worker to the main thread. */
export type FromWorker =
  | { readonly kind: 'ready'; readonly checkpoint: number }
  | { readonly kind: 'result'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'error'; readonly id: number; readonly message: string; readonly code?: string; readonly path?: string | null }
  /** Every record up to `seq` is committed in the store and readable. */
  | { readonly kind: 'visible'; readonly seq: number }
  | { readonly kind: 'flush-failed'; readonly message: string }
  | { readonly kind: 'warning'; readonly message: string };
