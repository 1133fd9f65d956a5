import type { Generated } from 'kysely';

/** The StateStore's tables, as Kysely sees them (SQLite now, PostgreSQL through the same code). */
export interface StateTables {
  cohorts: {
    id: string;
    project_id: string;
    name: string;
    /** JSON: a segment's conditions, or a fixed list of persons. */
    definition: string;
    created_at: string;
  };
  journey_maps: {
    id: string;
    project_id: string;
    version: number;
    name: string;
    /** The map as validated JSON. */
    map: string;
    created_at: string;
  };
  projects: {
    id: string;
    slug: string;
    name: string;
    time_zone: string;
    created_at: string;
  };
  api_keys: {
    id: string;
    project_id: string;
    kind: 'write' | 'secret';
    name: string;
    channel: string | null;
    hash: string;
    created_at: string;
    revoked_at: string | null;
    seq: Generated<number>;
  };
  members: {
    id: string;
    /** Lower-cased: emails are unique without regard to case. */
    email: string;
    name: string;
    role: 'owner' | 'editor' | 'viewer';
    /** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash, so they can be raised later. */
    password_hash: string;
    must_change_password: number;
    created_at: string;
    disabled_at: string | null;
  };
  member_sessions: {
    /** sha256 of the session token: the cookie alone opens the session. */
    id: string;
    member_id: string;
    created_at: string;
    expires_at: string;
    last_used_at: string;
  };
}
