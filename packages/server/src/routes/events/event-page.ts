import { WaymarkError, parseIsoTimestamp } from '@waymark/core';
import type { EventCursor, EventFilter, StoredEvent } from '../../stores/event-store.ts';
import type { Runtime } from '../../runtime.ts';
import type { EventQuery } from './schemas.ts';

type FilterQuery = Pick<EventQuery, 'event' | 'channel' | 'person' | 'from' | 'to'>;

/**
 * The store filter of a query, once every event acknowledged so far is readable. `person`
 * may be any of a person's ids; an unknown one matches nothing.
 */
export async function eventFilter(runtime: Runtime, projectId: string, query: FilterQuery, personId?: string): Promise<EventFilter> {
  const from = query.from !== undefined ? timeParam('from', query.from) : undefined;
  const to = query.to !== undefined ? timeParam('to', query.to) : undefined;
  await runtime.pipeline.waitVisible();
  if (personId === undefined && query.person !== undefined) {
    personId = (await runtime.events.findPerson(projectId, query.person))?.personId ?? NO_PERSON;
  }
  return { projectId, event: query.event, channel: query.channel, personId, from, to };
}

const NO_PERSON = '\u0000none';

/** Reads one newest-first page of events; used by the event list and a person's timeline. */
export async function readEventPage(runtime: Runtime, projectId: string, query: EventQuery, personId?: string) {
  const filter = await eventFilter(runtime, projectId, query, personId);
  const limit = query.limit ?? 100;
  const events = await runtime.events.listEvents(filter, limit + 1, query.cursor ? decodeCursor(query.cursor) : null);
  const page = events.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map(toApiEvent),
    next: events.length > limit && last ? encodeCursor({ timestamp: last.timestamp, seq: last.seq }) : null,
  };
}

function timeParam(name: string, value: string): number {
  const ms = parseIsoTimestamp(value);
  if (ms === null) throw new WaymarkError('WM_REQUEST_INVALID', `querystring.${name}`, `"${name}" must be an ISO-8601 date-time`);
  return ms;
}

const encodeCursor = (c: EventCursor) => Buffer.from(`${c.timestamp}:${c.seq}`).toString('base64url');

function decodeCursor(cursor: string): EventCursor {
  const m = /^(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new WaymarkError('WM_REQUEST_INVALID', 'querystring.cursor', 'the cursor is not one this API returned');
  return { timestamp: Number(m[1]), seq: Number(m[2]) };
}

export const toApiEvent = (e: StoredEvent) => ({
  id: e.id,
  type: e.type,
  event: e.event,
  anonymousId: e.anonymousId,
  userId: e.userId,
  personId: e.personId,
  sessionId: e.sessionId,
  channel: e.channel,
  timestamp: new Date(e.timestamp).toISOString(),
  receivedAt: new Date(e.receivedAt).toISOString(),
  properties: e.properties,
  context: e.context,
});
