import type { StoredEvent } from './event-store.ts';

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
