import { DEFAULT_FRICTION_SETTINGS, type FrictionSettings } from '@waymark/core';
import type { Kysely } from 'kysely';
import type { StateTables } from './schema.ts';

/** The table migration 0009_friction_settings adds. */
type FrictionTables = { friction_settings: { project_id: string; settings: string; updated_at: string } };
type Db = Kysely<StateTables & FrictionTables>;

/** Each project's friction thresholds: the defaults until a project saves its own. */
export class FrictionSettingsStore {
  readonly #db: Db;

  constructor(db: Kysely<StateTables>) {
    this.#db = db.withTables<FrictionTables>();
  }

  async get(projectId: string): Promise<FrictionSettings> {
    const row = await this.#db.selectFrom('friction_settings').select('settings').where('project_id', '=', projectId).executeTakeFirst();
    return row ? { ...DEFAULT_FRICTION_SETTINGS, ...(JSON.parse(row.settings) as Partial<FrictionSettings>) } : DEFAULT_FRICTION_SETTINGS;
  }

  /** Every project's saved settings (projects on the defaults are absent). */
  async all(): Promise<Record<string, FrictionSettings>> {
    const rows = await this.#db.selectFrom('friction_settings').select(['project_id', 'settings']).execute();
    return Object.fromEntries(rows.map((r) => [r.project_id, { ...DEFAULT_FRICTION_SETTINGS, ...(JSON.parse(r.settings) as Partial<FrictionSettings>) }]));
  }

  async save(projectId: string, settings: FrictionSettings, at: string): Promise<void> {
    const json = JSON.stringify(settings);
    await this.#db
      .insertInto('friction_settings')
      .values({ project_id: projectId, settings: json, updated_at: at })
      .onConflict((c) => c.column('project_id').doUpdateSet({ settings: json, updated_at: at }))
      .execute();
  }
}
