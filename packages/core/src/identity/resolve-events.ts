import type { IncomingEvent, WaymarkEvent } from '../events/event.ts';
import type { Sessionizer } from '../sessions/sessionizer.ts';
import type { IdentityGraph } from './identity-graph.ts';

/** Everything a store writes, atomically, for one batch of acknowledged events. */
export interface ResolvedBatch {
  readonly events: WaymarkEvent[];
  /** Persons seen for the first time, with the time of their first event. */
  readonly newPersons: { readonly projectId: string; readonly personId: string; readonly at: number }[];
  /** New ids and the person they belong to (after this batch's merges). */
  readonly links: { readonly projectId: string; readonly key: string; readonly personId: string }[];
  /** Persons merged into others, chains collapsed: `from` is gone, its events move to `into`. */
  readonly merges: { readonly projectId: string; readonly from: string; readonly into: string }[];
  /** Traits to merge into each person's profile (later calls win), per person after merges. */
  readonly traits: { readonly projectId: string; readonly personId: string; readonly traits: Record<string, unknown>; readonly at: number }[];
}

/**
 * Resolves who (person) and which visit (session) each event belongs to, in order, updating
 * the identity graph and the open sessions. Events of persons merged later in the same batch
 * are rewritten to the surviving person, so the batch is consistent on its own.
 */
export function resolveEvents(incoming: readonly IncomingEvent[], graph: IdentityGraph, sessions: Sessionizer): ResolvedBatch {
  const events: WaymarkEvent[] = new Array(incoming.length);
  const newPersons: ResolvedBatch['newPersons'] = [];
  const links: { projectId: string; key: string; personId: string }[] = [];
  const mergedInto = new Map<string, { projectId: string; into: string }>();
  const traits = new Map<string, { projectId: string; personId: string; traits: Record<string, unknown>; at: number }>();

  for (let i = 0; i < incoming.length; i++) {
    const e = incoming[i]!;
    const resolution = graph.resolve(e);
    if (resolution.created !== null) newPersons.push({ projectId: e.projectId, personId: resolution.created, at: e.timestamp });
    for (const link of resolution.links) links.push({ projectId: e.projectId, key: link.key, personId: link.personId });
    for (const merge of resolution.merges) {
      mergedInto.set(scoped(e.projectId, merge.from), { projectId: e.projectId, into: merge.into });
      const moving = traits.get(scoped(e.projectId, merge.from));
      if (moving) {
        traits.delete(scoped(e.projectId, merge.from));
        const target = traits.get(scoped(e.projectId, merge.into));
        traits.set(scoped(e.projectId, merge.into), {
          projectId: e.projectId,
          personId: merge.into,
          traits: { ...moving.traits, ...target?.traits },
          at: Math.max(moving.at, target?.at ?? 0),
        });
      }
    }
    if (e.traits !== null && e.type === 'identify' && Object.keys(e.traits).length > 0) {
      const key = scoped(e.projectId, resolution.personId);
      const prior = traits.get(key);
      traits.set(key, { projectId: e.projectId, personId: resolution.personId, traits: { ...prior?.traits, ...e.traits }, at: e.timestamp });
    }
    const device = e.anonymousId ?? e.userId ?? (e.previousId as string);
    events[i] = {
      id: e.id,
      projectId: e.projectId,
      type: e.type,
      event: e.event,
      anonymousId: e.anonymousId,
      userId: e.userId,
      personId: resolution.personId,
      sessionId: e.sessionId ?? sessions.assign(e.projectId, device, e.timestamp),
      channel: e.channel,
      timestamp: e.timestamp,
      receivedAt: e.receivedAt,
      properties: e.properties,
      context: e.context,
    };
  }

  if (mergedInto.size === 0) return { events, newPersons, links, merges: [], traits: [...traits.values()] };

  const finalOf = (projectId: string, personId: string): string => {
    let current = personId;
    for (let next = mergedInto.get(scoped(projectId, current)); next; next = mergedInto.get(scoped(projectId, current))) current = next.into;
    return current;
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const survivor = finalOf(e.projectId, e.personId!);
    if (survivor !== e.personId) events[i] = { ...e, personId: survivor };
  }
  return {
    events,
    newPersons: newPersons.filter((p) => !mergedInto.has(scoped(p.projectId, p.personId))),
    links: links.map((l) => ({ ...l, personId: finalOf(l.projectId, l.personId) })),
    merges: [...mergedInto].map(([key, m]) => ({ projectId: m.projectId, from: key.slice(key.indexOf('\u0000') + 1), into: finalOf(m.projectId, m.into) })),
    traits: [...traits.values()].map((t) => ({ ...t, personId: finalOf(t.projectId, t.personId) })),
  };
}

const scoped = (projectId: string, id: string) => `${projectId}\u0000${id}`;
