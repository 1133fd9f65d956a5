import { IdentityGraph, Sessionizer, resolveEvents, type IncomingEvent } from '@waymark/core';
import type { EventStore } from '../stores/event-store.ts';

export const T0 = Date.UTC(2026, 0, 5, 9);

/** A captured `view` (or `$identify`) of project p1, one minute after the previous one, as stores receive it. */
export function incoming(i: number, ids: { anonymousId?: string; userId?: string }, type: IncomingEvent['type'] = 'track', traits: Record<string, unknown> | null = null): IncomingEvent {
  return {
    projectId: 'p1',
    id: `m${i}`,
    type,
    event: type === 'identify' ? '$identify' : 'view',
    anonymousId: ids.anonymousId ?? null,
    userId: ids.userId ?? null,
    previousId: null,
    channel: 'web',
    timestamp: T0 + i * 60_000,
    receivedAt: T0 + i * 60_000,
    traits,
    properties: {},
    context: {},
  } as IncomingEvent;
}

/** Writes batches to a store as the log applier does: resolved in log order, numbered from 1, each with its checkpoint. */
export function batchWriter(store: EventStore): (events: IncomingEvent[]) => Promise<void> {
  const graph = new IdentityGraph();
  const sessions = new Sessionizer();
  let next = 1;
  return async (events) => {
    const batch = resolveEvents(events, graph, sessions);
    const rows = events.map((_e, i) => ({ seq: next + i, properties: '{}', context: '{}' }));
    next += events.length;
    await store.write(batch, rows, next - 1);
  };
}
