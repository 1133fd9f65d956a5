import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { StateTables } from '../stores/state/schema.ts';

/** The tables session replay adds to the StateStore (migration 0008_session_replays). */
// A type, not an interface: Kysely's withTables wants an index-compatible record.
type ReplayTables = {
  replay_chunks: {
    chunk_id: string;
    project_id: string;
    replay_id: string;
    anonymous_id: string;
    sequence: number;
    started_at: string;
    ended_at: string;
    url: string;
    events: number;
    bytes: number;
  };
  replay_settings: { project_id: string; enabled: number; sample_rate: number; pages: string; updated_at: string };
};

export interface ReplayChunk {
  readonly chunkId: string;
  readonly replayId: string;
  readonly anonymousId: string;
  readonly sequence: number;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly url: string;
  readonly events: number;
  readonly bytes: number;
}

export interface ReplaySettings {
  /** Whether the SDK records sessions at all (its own `replay` option can still turn recording on for a page). */
  readonly enabled: boolean;
  /** Share of sessions recorded, 0 to 1. */
  readonly sampleRate: number;
  /** Regular expressions of the paths that record; none means every page. */
  readonly pages: readonly string[];
}

export const DEFAULT_REPLAY_SETTINGS: ReplaySettings = { enabled: false, sampleRate: 1, pages: [] };

/**
 * Session recordings: each chunk's rrweb events gzipped in a file under the data directory
 * (`replays/<project>/<replay>/<chunk>.json.gz`), their index in the StateStore.
 */
export class ReplayStore {
  readonly #db: Kysely<StateTables & ReplayTables>;
  readonly #dir: string;

  constructor(db: Kysely<StateTables>, dir: string) {
    this.#db = db.withTables<ReplayTables>();
    this.#dir = dir;
  }

  /** Stores a chunk once: the same chunk id again is a no-op. Returns whether it was new. */
  async add(projectId: string, chunk: Omit<ReplayChunk, 'bytes' | 'events'>, events: readonly unknown[]): Promise<boolean> {
    const existing = await this.#db.selectFrom('replay_chunks').select('chunk_id').where('chunk_id', '=', chunk.chunkId).executeTakeFirst();
    if (existing) return false;
    const data = gzipSync(JSON.stringify(events));
    const file = this.#file(projectId, chunk.replayId, chunk.chunkId);
    mkdirSync(path.dirname(file), { recursive: true });
    // The file first: an index row never points at a missing file.
    writeFileSync(file, data);
    const inserted = await this.#db
      .insertInto('replay_chunks')
      .values({
        chunk_id: chunk.chunkId,
        project_id: projectId,
        replay_id: chunk.replayId,
        anonymous_id: chunk.anonymousId,
        sequence: chunk.sequence,
        started_at: chunk.startedAt,
        ended_at: chunk.endedAt,
        url: chunk.url,
        events: events.length,
        bytes: data.length,
      })
      .onConflict((c) => c.column('chunk_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** The chunks recorded on these devices that overlap a time range, in time order. */
  async chunksFor(projectId: string, anonymousIds: readonly string[], from: string, to: string): Promise<ReplayChunk[]> {
    if (anonymousIds.length === 0) return [];
    const rows = await this.#db
      .selectFrom('replay_chunks')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('anonymous_id', 'in', anonymousIds)
      .where('ended_at', '>=', from)
      .where('started_at', '<=', to)
      .orderBy('started_at')
      .orderBy('sequence')
      .execute();
    return rows.map((r) => ({
      chunkId: r.chunk_id,
      replayId: r.replay_id,
      anonymousId: r.anonymous_id,
      sequence: r.sequence,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      url: r.url,
      events: r.events,
      bytes: r.bytes,
    }));
  }

  /** The rrweb events of a chunk. */
  read(projectId: string, chunk: ReplayChunk): unknown[] {
    return JSON.parse(gunzipSync(readFileSync(this.#file(projectId, chunk.replayId, chunk.chunkId))).toString('utf8')) as unknown[];
  }

  async settings(projectId: string): Promise<ReplaySettings> {
    const row = await this.#db.selectFrom('replay_settings').selectAll().where('project_id', '=', projectId).executeTakeFirst();
    return row ? { enabled: row.enabled === 1, sampleRate: row.sample_rate, pages: JSON.parse(row.pages) as string[] } : DEFAULT_REPLAY_SETTINGS;
  }

  async saveSettings(projectId: string, settings: ReplaySettings): Promise<void> {
    const values = { project_id: projectId, enabled: settings.enabled ? 1 : 0, sample_rate: settings.sampleRate, pages: JSON.stringify(settings.pages), updated_at: new Date().toISOString() };
    await this.#db
      .insertInto('replay_settings')
      .values(values)
      .onConflict((c) => c.column('project_id').doUpdateSet({ enabled: values.enabled, sample_rate: values.sample_rate, pages: values.pages, updated_at: values.updated_at }))
      .execute();
  }

  // Ids are checked at the edge (uuid-like); the path is built from them only.
  #file(projectId: string, replayId: string, chunkId: string): string {
    return path.join(this.#dir, projectId, replayId, `${chunkId}.json.gz`);
  }
}
