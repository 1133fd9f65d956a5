/** DuckDB tables of the event store. `seq` is the write-ahead log's sequence number. */
export const DUCKDB_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
    seq BIGINT NOT NULL,
    project_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    event VARCHAR NOT NULL,
    anonymous_id VARCHAR,
    user_id VARCHAR,
    person_id VARCHAR NOT NULL,
    session_id VARCHAR,
    channel VARCHAR NOT NULL,
    timestamp TIMESTAMP NOT NULL,
    received_at TIMESTAMP NOT NULL,
    properties JSON NOT NULL,
    context JSON NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS identities (
    project_id VARCHAR NOT NULL,
    distinct_key VARCHAR NOT NULL,
    person_id VARCHAR NOT NULL,
    PRIMARY KEY (project_id, distinct_key)
  )`,
  `CREATE TABLE IF NOT EXISTS persons (
    project_id VARCHAR NOT NULL,
    person_id VARCHAR NOT NULL,
    traits JSON NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (project_id, person_id)
  )`,
  // A merged person's old id and the person it now is. Events keep the person id they were
  // stored with and readers see them through events_resolved, so a merge never rewrites events;
  // folding (foldMerges) later rewrites them in bulk and marks the overrides `folded`, which
  // the view then skips: any override left to join costs a scan about as much again.
  `CREATE TABLE IF NOT EXISTS person_overrides (
    project_id VARCHAR NOT NULL,
    old_person_id VARCHAR NOT NULL,
    person_id VARCHAR NOT NULL,
    folded BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (project_id, old_person_id)
  )`,
  `ALTER TABLE person_overrides ADD COLUMN IF NOT EXISTS folded BOOLEAN DEFAULT false`,
  `CREATE OR REPLACE VIEW events_resolved AS
    SELECT e.* REPLACE (coalesce(o.person_id, e.person_id) AS person_id), e.person_id AS stored_person_id
    FROM events e LEFT JOIN person_overrides o ON o.project_id = e.project_id AND o.old_person_id = e.person_id AND NOT o.folded`,
  `CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value BIGINT NOT NULL)`,
  `INSERT INTO store_meta VALUES ('checkpoint', 0) ON CONFLICT DO NOTHING`,
  // Fixed cohorts' persons (EventStore.putMemberSet), beside the events analyses restrict with them.
  `CREATE TABLE IF NOT EXISTS member_sets (project_id VARCHAR NOT NULL, member_set VARCHAR NOT NULL, person_id VARCHAR NOT NULL)`,
  // A member merged into another person since the set was saved is that person now, as in events_resolved.
  `CREATE OR REPLACE VIEW member_sets_resolved AS
    SELECT m.project_id, m.member_set, coalesce(o.person_id, m.person_id) AS person_id
    FROM member_sets m LEFT JOIN person_overrides o ON o.project_id = m.project_id AND o.old_person_id = m.person_id AND NOT o.folded`,
] as const;

/** Folding merges (EventStore.foldMerges), in one transaction: merged persons' events and cohort memberships get the person they now are, and their overrides are marked. */
export const DUCKDB_FOLD_MERGES = [
  `UPDATE events SET person_id = o.person_id FROM person_overrides o
   WHERE NOT o.folded AND events.project_id = o.project_id AND events.person_id = o.old_person_id`,
  `UPDATE member_sets SET person_id = o.person_id FROM person_overrides o
   WHERE NOT o.folded AND member_sets.project_id = o.project_id AND member_sets.person_id = o.old_person_id`,
  `UPDATE person_overrides SET folded = true WHERE NOT folded`,
] as const;

/** Per-connection staging tables: a batch's ids, merges and traits go in by appender, then apply in one statement each. */
export const STAGING_SCHEMA = [
  `CREATE TEMP TABLE IF NOT EXISTS staging_links (project_id VARCHAR, distinct_key VARCHAR, person_id VARCHAR)`,
  `CREATE TEMP TABLE IF NOT EXISTS staging_merges (project_id VARCHAR, from_id VARCHAR, into_id VARCHAR)`,
  `CREATE TEMP TABLE IF NOT EXISTS staging_traits (project_id VARCHAR, person_id VARCHAR, traits VARCHAR, updated_at TIMESTAMP)`,
] as const;
