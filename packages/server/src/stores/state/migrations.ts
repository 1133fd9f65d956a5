import { sql, type Kysely, type Migration } from 'kysely';

/** Schema history of the StateStore. Append; never edit a migration that has shipped. */
export const STATE_MIGRATIONS: Record<string, Migration> = {
  '0001_projects_and_keys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('projects')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(sql`0`))
        .execute();
      await db.schema.createIndex('api_keys_project').on('api_keys').column('project_id').execute();
    },
  },
  '0002_journey_maps': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('journey_maps')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('map', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('journey_maps_pk', ['project_id', 'id', 'version'])
        .execute();
    },
  },
  '0003_cohorts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cohorts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0004_members': {
    async up(db: Kysely<unknown>) {
      // Emails are stored lower-cased, so the unique constraint is case-insensitive on every backend.
      await db.schema
        .createTable('members')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('must_change_password', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();
      await db.schema
        .createTable('member_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('member_sessions_member').on('member_sessions').column('member_id').execute();
    },
  },
  '0005_journeys': {
    async up(db: Kysely<unknown>) {
      // Who saved each version; versions saved before this have none.
      await db.schema.alterTable('journey_maps').addColumn('author', 'text').execute();
      // A deleted map keeps its versions; creating it again continues its history.
      await db.schema
        .createTable('journey_deletions')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('journey_id', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text', (c) => c.notNull())
        .addColumn('deleted_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('journey_deletions_pk', ['project_id', 'journey_id'])
        .execute();
      await db.schema
        .createTable('journey_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('journey_id', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('journey_comments_map').on('journey_comments').columns(['project_id', 'journey_id']).execute();
      await db.schema
        .createTable('journey_seen')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('journey_id', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('journey_seen_pk', ['project_id', 'journey_id', 'actor'])
        .execute();
    },
  },
  '0008_session_replays': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('replay_chunks')
        .addColumn('chunk_id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('replay_id', 'text', (c) => c.notNull())
        .addColumn('anonymous_id', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('replay_chunks_device').on('replay_chunks').columns(['project_id', 'anonymous_id', 'started_at']).execute();
      await db.schema
        .createTable('replay_settings')
        .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id'))
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('sample_rate', 'real', (c) => c.notNull())
        .addColumn('pages', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0009_friction_settings': {
    async up(db: Kysely<unknown>) {
      // One row per project that changed a friction threshold; JSON of the whole settings object.
      await db.schema
        .createTable('friction_settings')
        .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id'))
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0014_surveys_and_alerts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('surveys')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('surveys_pk', ['project_id', 'id'])
        .execute();
      // The frequency cap's record: when a survey was last shown to each of a person's ids.
      await db.schema
        .createTable('survey_displays')
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('survey_id', 'text', (c) => c.notNull())
        .addColumn('person_key', 'text', (c) => c.notNull())
        .addColumn('shown_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('survey_displays_pk', ['project_id', 'survey_id', 'person_key'])
        .execute();
      await db.schema
        .createTable('alert_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('checkpoint', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // One row per rule and event: the key that makes each alert go out once.
      await db.schema
        .createTable('alert_deliveries')
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_deliveries_pk', ['rule_id', 'event_id'])
        .execute();
    },
  },
};
