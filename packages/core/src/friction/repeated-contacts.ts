import type { FrictionSettings } from './friction-settings.ts';
import { text, type FrictionInput, type FrictionSignal } from './friction-signal.ts';

/** The event and channel of a new support ticket, and the property naming its topic. */
export const TICKET_EVENT = 'Ticket Created';
export const TICKET_CHANNEL = 'support';

/** A person's last ticket per topic; bounded by the caller's per-person cap. */
export type ContactState = Map<string, { readonly id: string; readonly t: number }>;
const MAX_TOPICS = 32;

export const isTicket = (e: FrictionInput) => e.event === TICKET_EVENT && e.channel === TICKET_CHANNEL;

/**
 * Repeated contacts: a person's ticket on the same `topic` as their previous one within
 * `repeatedContactWindowMs`. Tickets without a topic are not compared.
 */
export function detectRepeatedContact(state: ContactState, e: FrictionInput, s: FrictionSettings, out: FrictionSignal[]): void {
  const topic = text(e.properties['topic']);
  if (topic === '') return;
  const last = state.get(topic);
  if (last !== undefined && e.timestamp >= last.t && e.timestamp - last.t <= s.repeatedContactWindowMs) {
    out.push({ kind: 'repeated_contact', sources: [last.id, e.id], properties: { topic, value: e.timestamp - last.t, threshold: s.repeatedContactWindowMs } });
  }
  state.delete(topic);
  if (state.size >= MAX_TOPICS) state.delete(state.keys().next().value!);
  state.set(topic, { id: e.id, t: e.timestamp });
}
