/** Each merged id's latest override: what reads resolve. Folding deletes the overrides it folded. */
export const MERGED = `SELECT old_person_id, argMax(person_id, version) AS person_id, any(project_id) AS project_id, max(version) AS at_version
    FROM person_overrides GROUP BY old_person_id`;

/** The overrides a fold covers: those written at or before the log position `upTo`. */
const foldable = (upTo: number) => `SELECT * FROM (${MERGED}) WHERE at_version <= ${Math.floor(upTo)}`;

/**
 * Folding merges (EventStore.foldMerges), in two steps: a mutation rewrites the merged ids in
 * every part (ClickHouse runs it in the background), then, once it is done, their overrides are
 * deleted. Both cover the overrides up to the same log position: one re-pointed later (its
 * person merged again) is left out of both, and stays applied by the view.
 */
export const foldMutation = (upTo: number) =>
  `ALTER TABLE events UPDATE person_id = transform(person_id, (SELECT groupArray(old_person_id) FROM (${foldable(upTo)})),
     (SELECT groupArray(person_id) FROM (${foldable(upTo)})), person_id)
   WHERE person_id IN (SELECT old_person_id FROM (${foldable(upTo)}))`;
/**
 * Then, before the overrides go, fixed cohorts' members: copied as the person they now are, then
 * deleted under their old id (person_id is in the table's sorting key, so no mutation can change
 * it). Between the two the set holds both, which its readers (`person_id IN ...`) do not notice.
 */
export const foldMemberSets = (upTo: number) => [
  `INSERT INTO member_sets (project_id, member_set, person_id)
   SELECT m.project_id, m.member_set, f.person_id FROM member_sets AS m JOIN (${foldable(upTo)}) AS f ON f.old_person_id = m.person_id`,
  `DELETE FROM member_sets WHERE person_id IN (SELECT old_person_id FROM (${foldable(upTo)}))`,
];
export const foldDeletion = (upTo: number) => `DELETE FROM person_overrides WHERE old_person_id IN (SELECT old_person_id FROM (${foldable(upTo)}))`;

/**
 * ClickHouse tables of the event store. ClickHouse has no multi-statement transactions, so a
 * batch is written persons first, then events, then the checkpoint: on open, events past the
 * checkpoint (a batch cut short) are deleted and the log replays them. Persons, id links and
 * overrides are ReplacingMergeTree tables versioned by the batch's log position and read with
 * FINAL; writing them again on replay gives the same rows.
 */
export const CLICKHOUSE_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
    seq UInt64,
    project_id LowCardinality(String),
    id String,
    type LowCardinality(String),
    event LowCardinality(String),
    anonymous_id Nullable(String),
    user_id Nullable(String),
    person_id String,
    session_id Nullable(String),
    channel LowCardinality(String),
    timestamp DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    properties String,
    context String
  ) ENGINE = MergeTree PARTITION BY toYYYYMM(timestamp) ORDER BY (project_id, toDate(timestamp), event, seq)`,
  `CREATE TABLE IF NOT EXISTS identities (
    project_id LowCardinality(String),
    distinct_key String,
    person_id String,
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY (project_id, distinct_key)`,
  `CREATE TABLE IF NOT EXISTS persons (
    project_id LowCardinality(String),
    person_id String,
    traits String,
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    version UInt64,
    deleted UInt8
  ) ENGINE = ReplacingMergeTree(version, deleted) ORDER BY (project_id, person_id)`,
  // A merged person's old id and the person it now is; events keep the id they were stored with
  // until folding (foldMerges) rewrites them and deletes the override.
  `CREATE TABLE IF NOT EXISTS person_overrides (
    project_id LowCardinality(String),
    old_person_id String,
    person_id String,
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY (project_id, old_person_id)`,
  `CREATE TABLE IF NOT EXISTS store_meta (key String, value UInt64) ENGINE = ReplacingMergeTree(value) ORDER BY key`,
  // Fixed cohorts' persons (EventStore.putMemberSet), beside the events analyses restrict with them.
  `CREATE TABLE IF NOT EXISTS member_sets (project_id LowCardinality(String), member_set String, person_id String) ENGINE = MergeTree ORDER BY (project_id, member_set, person_id)`,
  // The merges are looked up with transform over arrays read once per query, not joined: a join
  // probed for every event made a scan three times slower. Old ids alone are the keys: person ids
  // hash the project with the person's key, so an old id names one person of one project.
  `CREATE OR REPLACE VIEW events_resolved AS
    WITH (SELECT (groupArray(old_person_id), groupArray(person_id))
      FROM (${MERGED})) AS merged
    SELECT e.seq AS seq, e.project_id AS project_id, e.id AS id, e.type AS type, e.event AS event,
      e.anonymous_id AS anonymous_id, e.user_id AS user_id, transform(e.person_id, tupleElement(merged, 1), tupleElement(merged, 2), e.person_id) AS person_id,
      e.person_id AS stored_person_id, e.session_id AS session_id, e.channel AS channel, e.timestamp AS timestamp,
      e.received_at AS received_at, e.properties AS properties, e.context AS context
    FROM events AS e`,
  // A member merged into another person since the set was saved is that person now, as in events_resolved.
  `CREATE OR REPLACE VIEW member_sets_resolved AS
    WITH (SELECT (groupArray(old_person_id), groupArray(person_id))
      FROM (${MERGED})) AS merged
    SELECT m.project_id AS project_id, m.member_set AS member_set,
      transform(m.person_id, tupleElement(merged, 1), tupleElement(merged, 2), m.person_id) AS person_id
    FROM member_sets AS m`,
] as const;
