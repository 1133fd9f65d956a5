import type { Person, StoredEvent } from './event-store.ts';

// Rows as both event stores read them, and the values the API returns from them.

/** An event as both stores' reads select it: times as epoch ms, properties and context as JSON text. */
export interface StoredEventRow {
  seq: number;
  project_id: string;
  id: string;
  type: StoredEvent['type'];
  event: string;
  anonymous_id: string | null;
  user_id: string | null;
  person_id: string;
  session_id: string | null;
  channel: string;
  timestamp: number;
  received_at: number;
  properties: string;
  context: string;
}

export const toStoredEvent = (r: StoredEventRow): StoredEvent => ({
  seq: r.seq,
  id: r.id,
  projectId: r.project_id,
  type: r.type,
  event: r.event,
  anonymousId: r.anonymous_id,
  userId: r.user_id,
  personId: r.person_id,
  sessionId: r.session_id,
  channel: r.channel,
  timestamp: r.timestamp,
  receivedAt: r.received_at,
  properties: JSON.parse(r.properties) as Record<string, unknown>,
  context: JSON.parse(r.context) as Record<string, unknown>,
});

/** A person's row as both stores read it (times as epoch ms, traits as JSON text). */
export interface PersonRow {
  person_id: string;
  traits: string;
  created_at: number;
  updated_at: number;
}

/** What both stores count of a person's events. */
export interface PersonStats {
  n: number;
  first: number | null;
  last: number | null;
  channels: string[] | null;
}

/** A person from its row, its id keys (`a:<anonymous id>`, `u:<user id>`) and its event stats. */
export const toPerson = (projectId: string, row: PersonRow, keys: readonly string[], stat: PersonStats | undefined): Person => ({
  projectId,
  personId: row.person_id,
  ids: { anonymousIds: keys.filter((k) => k.startsWith('a:')).map((k) => k.slice(2)), userIds: keys.filter((k) => k.startsWith('u:')).map((k) => k.slice(2)) },
  traits: JSON.parse(row.traits) as Record<string, unknown>,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  firstSeen: stat?.first ?? null,
  lastSeen: stat?.last ?? null,
  eventCount: stat?.n ?? 0,
  channels: stat?.channels ?? [],
});
