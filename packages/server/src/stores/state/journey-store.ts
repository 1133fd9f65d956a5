import type { JourneyMap } from '@waymark/core';
import type { Kysely } from 'kysely';
import type { StateTables } from './schema.ts';

/** The tables journey maps add to the StateStore (migration 0005_journeys). */
// A type, not an interface: Kysely's withTables wants an index-compatible record.
type JourneyTables = {
  journey_maps: { author: string | null };
  journey_deletions: { project_id: string; journey_id: string; deleted_at: string; deleted_by: string };
  journey_comments: { id: string; project_id: string; journey_id: string; target: string; text: string; author: string; author_id: string; created_at: string; seq: number };
  journey_seen: { project_id: string; journey_id: string; actor: string; version: number; seen_at: string };
};

type Db = Kysely<StateTables & JourneyTables>;

/** One stored version of a map. */
export interface JourneyVersion {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly map: JourneyMap;
  /** When this version was saved, and by whom (null for versions saved before authors were recorded). */
  readonly createdAt: string;
  readonly author: string | null;
}

export interface JourneyComment {
  readonly id: string;
  readonly target: string;
  readonly text: string;
  readonly author: string;
  readonly authorId: string;
  readonly createdAt: string;
}

/** Who saves: the name shown in the history, and a stable id (what "seen" is recorded for). */
export interface JourneyAuthor {
  readonly id: string;
  readonly name: string;
}

/**
 * Journey maps in the StateStore: every save is a new version (nothing is overwritten), a
 * delete only hides the map, comments and "seen up to version N" per author sit beside.
 * Writes that depend on the latest version run in a transaction, so two saves from the same
 * base cannot both win.
 */
export class JourneyStore {
  readonly #db: Db;

  constructor(db: Kysely<StateTables>) {
    this.#db = db.withTables<JourneyTables>();
  }

  /** The latest version of every map that is not deleted, by id. */
  async list(projectId: string): Promise<JourneyVersion[]> {
    const rows = await this.#db
      .selectFrom('journey_maps as m')
      .selectAll('m')
      .where('m.project_id', '=', projectId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('journey_deletions as d').select('d.journey_id').whereRef('d.project_id', '=', 'm.project_id').whereRef('d.journey_id', '=', 'm.id'))),
      )
      .where(({ eb, selectFrom }) =>
        eb('m.version', '=', selectFrom('journey_maps as l').select((x) => x.fn.max('l.version').as('v')).whereRef('l.project_id', '=', 'm.project_id').whereRef('l.id', '=', 'm.id')),
      )
      .orderBy('m.id')
      .execute();
    return rows.map(toVersion);
  }

  /** A version of a map (the latest without `version`); null when there is none or the map is deleted. */
  async find(projectId: string, id: string, version?: number): Promise<JourneyVersion | null> {
    if (await this.#deleted(this.#db, projectId, id)) return null;
    return this.#find(this.#db, projectId, id, version);
  }

  /** When version 1 was saved. */
  async createdAt(projectId: string, id: string): Promise<string | null> {
    const row = await this.#db.selectFrom('journey_maps').select('created_at').where('project_id', '=', projectId).where('id', '=', id).orderBy('version').limit(1).executeTakeFirst();
    return row?.created_at ?? null;
  }

  /** Saves a new map; a deleted map of the same id comes back with this as its next version. `exists` if a live map has the id. */
  async create(projectId: string, map: JourneyMap, author: JourneyAuthor, at: string): Promise<JourneyVersion | 'exists'> {
    return this.#db.transaction().execute(async (trx) => {
      const latest = await this.#find(trx, projectId, map.id);
      const deleted = await this.#deleted(trx, projectId, map.id);
      if (latest && !deleted) return 'exists';
      await trx.deleteFrom('journey_deletions').where('project_id', '=', projectId).where('journey_id', '=', map.id).execute();
      return this.#insert(trx, projectId, map, (latest?.version ?? 0) + 1, author, at);
    });
  }

  /** Saves the next version of a live map if `baseVersion` is its latest: `missing` or `conflict` otherwise. */
  async update(projectId: string, map: JourneyMap, baseVersion: number, author: JourneyAuthor, at: string): Promise<JourneyVersion | 'missing' | { conflict: number }> {
    return this.#db.transaction().execute(async (trx) => {
      const latest = await this.#find(trx, projectId, map.id);
      if (!latest || (await this.#deleted(trx, projectId, map.id))) return 'missing';
      if (latest.version !== baseVersion) return { conflict: latest.version };
      return this.#insert(trx, projectId, map, latest.version + 1, author, at);
    });
  }

  /** Hides a live map (its versions stay); false if there is none. */
  async delete(projectId: string, id: string, author: JourneyAuthor, at: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      if (!(await this.#find(trx, projectId, id)) || (await this.#deleted(trx, projectId, id))) return false;
      await trx.insertInto('journey_deletions').values({ project_id: projectId, journey_id: id, deleted_at: at, deleted_by: author.name }).execute();
      return true;
    });
  }

  /** Every version of a map, newest first, without the maps themselves. */
  async versions(projectId: string, id: string): Promise<{ version: number; name: string; createdAt: string; author: string | null }[]> {
    const rows = await this.#db
      .selectFrom('journey_maps')
      .select(['version', 'name', 'created_at', 'author'])
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({ version: r.version, name: r.name, createdAt: r.created_at, author: r.author }));
  }

  async comments(projectId: string, journeyId: string): Promise<JourneyComment[]> {
    const rows = await this.#db.selectFrom('journey_comments').selectAll().where('project_id', '=', projectId).where('journey_id', '=', journeyId).orderBy('seq').execute();
    return rows.map((r) => ({ id: r.id, target: r.target, text: r.text, author: r.author, authorId: r.author_id, createdAt: r.created_at }));
  }

  async addComment(projectId: string, journeyId: string, comment: JourneyComment): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('journey_comments')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('project_id', '=', projectId)
        .where('journey_id', '=', journeyId)
        .executeTakeFirst();
      await trx
        .insertInto('journey_comments')
        .values({
          id: comment.id,
          project_id: projectId,
          journey_id: journeyId,
          target: comment.target,
          text: comment.text,
          author: comment.author,
          author_id: comment.authorId,
          created_at: comment.createdAt,
          seq: (last?.seq ?? 0) + 1,
        })
        .execute();
    });
  }

  /** Deletes a comment; false if the map has none with that id. */
  async deleteComment(projectId: string, journeyId: string, commentId: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('journey_comments').where('project_id', '=', projectId).where('journey_id', '=', journeyId).where('id', '=', commentId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The version an author last said they saw, or null. */
  async seen(projectId: string, journeyId: string, actor: string): Promise<number | null> {
    const row = await this.#db.selectFrom('journey_seen').select('version').where('project_id', '=', projectId).where('journey_id', '=', journeyId).where('actor', '=', actor).executeTakeFirst();
    return row?.version ?? null;
  }

  async markSeen(projectId: string, journeyId: string, actor: string, version: number, at: string): Promise<void> {
    await this.#db
      .insertInto('journey_seen')
      .values({ project_id: projectId, journey_id: journeyId, actor, version, seen_at: at })
      .onConflict((oc) => oc.columns(['project_id', 'journey_id', 'actor']).doUpdateSet({ version, seen_at: at }))
      .execute();
  }

  async #find(db: Db, projectId: string, id: string, version?: number): Promise<JourneyVersion | null> {
    let query = db.selectFrom('journey_maps').selectAll().where('project_id', '=', projectId).where('id', '=', id);
    query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
    const row = await query.executeTakeFirst();
    return row ? toVersion(row) : null;
  }

  async #deleted(db: Db, projectId: string, id: string): Promise<boolean> {
    const row = await db.selectFrom('journey_deletions').select('journey_id').where('project_id', '=', projectId).where('journey_id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  async #insert(db: Db, projectId: string, map: JourneyMap, version: number, author: JourneyAuthor, at: string): Promise<JourneyVersion> {
    await db.insertInto('journey_maps').values({ id: map.id, project_id: projectId, version, name: map.name, map: JSON.stringify(map), created_at: at, author: author.name }).execute();
    return { id: map.id, version, name: map.name, map, createdAt: at, author: author.name };
  }
}

const toVersion = (r: { id: string; version: number; name: string; map: string; created_at: string; author: string | null }): JourneyVersion => ({
  id: r.id,
  version: r.version,
  name: r.name,
  map: JSON.parse(r.map) as JourneyMap,
  createdAt: r.created_at,
  author: r.author,
});
