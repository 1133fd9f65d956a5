import type { FrictionSettings } from '@waymark/core';
import type { EventReader } from './event-store.ts';

/**
 * What the rest of the server holds of the event store, wherever it runs: the DuckDB store
 * in its worker thread, or a ClickHouse store on the main thread (its work happens in
 * ClickHouse). Capture ships durable log chunks to it; reads and analysis SQL go through it.
 */
export interface StoreHandle extends EventReader {
  /** The highest log sequence number whose events are readable. */
  readonly checkpoint: number;
  /** The message ids received since `since`, oldest first, as [projectId, id, seq]. */
  recentIds(since: number, limit: number): Promise<[string, string, number][]>;
  /** Runs analysis SQL in the store's dialect; aborting the signal cancels it (WM_QUERY_CANCELLED). */
  query(sql: string, signal?: AbortSignal): Promise<Record<string, unknown>[]>;
  /** Hands durable `<seq>\t<record>\n` lines to the store. */
  shipLog(text: string, upTo: number): void;
  /** Commits what the store has now; rejects if it cannot. */
  flush(): Promise<void>;
  /** Folds merged persons' events between flushes (EventStore.foldMerges); resolves with how many merged ids were folded. */
  foldMerges(): Promise<number>;
  /** Resolves once every record up to `seq` is readable. */
  waitVisible(seq: number): Promise<void>;
  close(): Promise<void>;
  /** A project's friction thresholds, for the events stored from now on. */
  setFrictionSettings(projectId: string, settings: FrictionSettings): void;
}
