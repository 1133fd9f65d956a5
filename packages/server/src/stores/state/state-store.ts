import { Kysely, Migrator, SqliteDialect, type Dialect } from 'kysely';
import Database from 'better-sqlite3';
import { STATE_MIGRATIONS } from './migrations.ts';
import type { StateTables } from './schema.ts';
import type { KeyKind } from '../../projects/api-keys.ts';

export interface Project {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly timeZone: string;
  readonly createdAt: string;
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly projectId: string;
  readonly kind: KeyKind;
  readonly name: string;
  readonly channel: string | null;
  readonly hash: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/**
 * Projects, keys and (later) maps, surveys, experiments: the state Waymark edits, as opposed
 * to the events it appends. One Kysely query code serves SQLite and PostgreSQL.
 */
export class StateStore {
  readonly db: Kysely<StateTables>;

  private constructor(db: Kysely<StateTables>) {
    this.db = db;
  }

  static async open(dialect: Dialect): Promise<StateStore> {
    const db = new Kysely<StateTables>({ dialect });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => STATE_MIGRATIONS } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
    return new StateStore(db);
  }

  /** The embedded default: one SQLite file, in WAL mode so the CLI can read while the server runs. */
  static openSqlite(file: string): Promise<StateStore> {
    const database = new Database(file);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    return StateStore.open(new SqliteDialect({ database }));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async createProject(project: Project): Promise<void> {
    await this.db
      .insertInto('projects')
      .values({ id: project.id, slug: project.slug, name: project.name, time_zone: project.timeZone, created_at: project.createdAt })
      .execute();
  }

  async listProjects(): Promise<Project[]> {
    const rows = await this.db.selectFrom('projects').selectAll().orderBy('created_at').execute();
    return rows.map(toProject);
  }

  /** Finds a project by id or slug. */
  async findProject(idOrSlug: string): Promise<Project | null> {
    const row = await this.db
      .selectFrom('projects')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
      .executeTakeFirst();
    return row ? toProject(row) : null;
  }

  async insertKey(key: Omit<ApiKeyRecord, 'revokedAt'>): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values({
        id: key.id,
        project_id: key.projectId,
        kind: key.kind,
        name: key.name,
        channel: key.channel,
        hash: key.hash,
        created_at: key.createdAt,
        revoked_at: null,
      })
      .execute();
  }

  async findKey(id: string): Promise<ApiKeyRecord | null> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toKey(row) : null;
  }

  async listKeys(projectId: string): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().where('project_id', '=', projectId).orderBy('seq').orderBy('created_at').execute();
    return rows.map(toKey);
  }

  /** Stores a new version of a journey map (version 1 for a new map). */
  async saveJourneyMap(projectId: string, map: { id: string; name: string }, at: string): Promise<number> {
    const latest = await this.db
      .selectFrom('journey_maps')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('project_id', '=', projectId)
      .where('id', '=', map.id)
      .executeTakeFirst();
    const version = (latest?.version ?? 0) + 1;
    await this.db.insertInto('journey_maps').values({ id: map.id, project_id: projectId, version, name: map.name, map: JSON.stringify(map), created_at: at }).execute();
    return version;
  }

  /** The latest version of each of a project's journey maps. */
  async listJourneyMaps(projectId: string): Promise<{ id: string; name: string; version: number; map: unknown }[]> {
    const rows = await this.db.selectFrom('journey_maps').selectAll().where('project_id', '=', projectId).orderBy('id').orderBy('version', 'desc').execute();
    const latest = rows.filter((row, i) => i === 0 || rows[i - 1]!.id !== row.id);
    return latest.map((r) => ({ id: r.id, name: r.name, version: r.version, map: JSON.parse(r.map) as unknown }));
  }

  async createCohort(cohort: Cohort): Promise<void> {
    await this.db
      .insertInto('cohorts')
      .values({ id: cohort.id, project_id: cohort.projectId, name: cohort.name, definition: JSON.stringify(cohort.definition), created_at: cohort.createdAt })
      .execute();
  }

  async listCohorts(projectId: string): Promise<Cohort[]> {
    const rows = await this.db.selectFrom('cohorts').selectAll().where('project_id', '=', projectId).orderBy('created_at').execute();
    return rows.map(toCohort);
  }

  /** Renames and redefines a cohort, keeping its id; false when the project has none of that id. */
  async updateCohort(projectId: string, id: string, name: string, definition: CohortDefinition): Promise<boolean> {
    const result = await this.db.updateTable('cohorts').set({ name, definition: JSON.stringify(definition) }).where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Removes a cohort; false when the project has none of that id. */
  async deleteCohort(projectId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('cohorts').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findCohort(projectId: string, id: string): Promise<Cohort | null> {
    const row = await this.db.selectFrom('cohorts').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return row ? toCohort(row) : null;
  }

  async revokeKey(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }
}

/** A saved group of persons: a segment (evaluated when used) or a fixed list (e.g. a funnel's drop-offs). */
export interface Cohort {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly definition: CohortDefinition;
  readonly createdAt: string;
}

export type CohortDefinition =
  | { readonly kind: 'segment'; readonly all?: unknown[]; readonly any?: unknown[]; readonly none?: unknown[] }
  /** A fixed list: its persons are the event store's member set `members` (EventStore.putMemberSet). */
  | { readonly kind: 'persons'; readonly members: string; readonly count: number }
  /** A fixed list saved before member sets, its persons in the definition. */
  | { readonly kind: 'persons'; readonly persons: string[] };

const toCohort = (r: StateTables['cohorts']): Cohort => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  definition: JSON.parse(r.definition) as CohortDefinition,
  createdAt: r.created_at,
});

const toProject = (r: StateTables['projects']): Project => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
  createdAt: r.created_at,
});

const toKey = (r: { id: string; project_id: string; kind: KeyKind; name: string; channel: string | null; hash: string; created_at: string; revoked_at: string | null }): ApiKeyRecord => ({
  id: r.id,
  projectId: r.project_id,
  kind: r.kind,
  name: r.name,
  channel: r.channel,
  hash: r.hash,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});
