import type { FrictionEvent, ResolvedBatch, WaymarkEvent } from '@waymark/core';

/** What ingestion already computed for an event, so the store does not serialize it again. */
export interface SerializedRow {
  readonly seq: number;
  readonly properties: string;
  readonly context: string;
}

/** Filters of the event list and the export. Times are epoch ms; `to` is exclusive. */
export interface EventFilter {
  readonly projectId: string;
  readonly event?: string | undefined;
  readonly personId?: string | undefined;
  readonly channel?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** A position in the newest-first event list. */
export interface EventCursor {
  readonly timestamp: number;
  readonly seq: number;
}

export interface StoredEvent extends WaymarkEvent {
  readonly seq: number;
}

export interface Person {
  readonly projectId: string;
  readonly personId: string;
  readonly ids: { readonly anonymousIds: string[]; readonly userIds: string[] };
  readonly traits: Record<string, unknown>;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly firstSeen: number | null;
  readonly lastSeen: number | null;
  readonly eventCount: number;
  readonly channels: string[];
}

export const EXPORT_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The append-only side of Waymark: events, persons and their ids. DuckDB embedded by
 * default; every backend passes the same contract suite (event-store.contract.ts).
 */
export interface EventStore {
  /** The highest log sequence number whose events are committed in the store. */
  checkpoint(): Promise<number>;
  /**
   * Writes one resolved batch and the new checkpoint, all or nothing. `rows[i]` holds the
   * log sequence number of `batch.events[i]` and its properties and context, already JSON.
   */
  write(batch: ResolvedBatch, rows: readonly SerializedRow[], checkpoint: number): Promise<void>;
  /**
   * Rewrites the stored events of merged persons to the person they now are, so reads stop
   * resolving them one by one; returns how many merged ids were folded (0: nothing to do).
   * Called between writes, never during one. Results of every read stay the same.
   */
  foldMerges(): Promise<number>;
  /** Visits every stored id link, to rebuild the identity graph on start. */
  loadIdentities(visit: (projectId: string, key: string, personId: string) => void): Promise<void>;
  /** Visits each device's latest session among events received since `since`. */
  loadOpenSessions(since: number, visit: (projectId: string, device: string, sessionId: string, start: number, last: number) => void): Promise<void>;
  /** Visits the message ids received since `since`, oldest first, to rebuild deduplication. */
  loadRecentIds(since: number, limit: number, visit: (projectId: string, id: string, seq: number) => void): Promise<void>;
  /**
   * Visits the stored events named in `events` (any project) received since `since`, in log
   * order, with the person id they are stored with and what the friction detectors read of
   * them: their state on start.
   * (After a fold that is the merged person's: a window spanning a merge and a restart then
   * counts the person as one, where the running detector had two ids.)
   */
  loadRecentEvents(since: number, events: readonly string[], visit: (event: FrictionEvent) => void): Promise<void>;
  listEvents(filter: EventFilter, limit: number, after: EventCursor | null): Promise<StoredEvent[]>;
  /** Finds a person by person id, user id or anonymous id. */
  findPerson(projectId: string, id: string): Promise<Person | null>;
  /** Writes the events matching a filter to a file, oldest first. */
  exportEvents(filter: EventFilter, format: ExportFormat, file: string): Promise<number>;
  countEvents(projectId: string): Promise<number>;
  /**
   * Stores a fixed cohort's persons as the member set `set` (a new id each time, never
   * rewritten), all or nothing, so that analyses restricted to it read them with a subquery.
   */
  putMemberSet(projectId: string, set: string, persons: readonly string[]): Promise<void>;
  /** Deletes a member set no cohort names any more (ClickHouse may finish later). */
  dropMemberSet(projectId: string, set: string): Promise<void>;
  close(): Promise<void>;
}

/** The reading half of a store, as the HTTP API and the CLI use it, and the fixed cohorts' member sets. */
export type EventReader = Pick<EventStore, 'listEvents' | 'findPerson' | 'exportEvents' | 'countEvents' | 'putMemberSet' | 'dropMemberSet'>;
