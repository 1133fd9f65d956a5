import { HOUR, MINUTE } from '../clock.ts';
import { SUPPORT_CONTEXT } from '../people.ts';
import type { Rng } from '../rng.ts';
import type { Writer } from '../writer.ts';
import { speakAs } from './actor.ts';

export interface TicketSpec {
  readonly topic: string;
  readonly subject: string;
  /** The customer's first message. */
  readonly text: string;
  /** The agent's answer. */
  readonly reply: string;
}

/**
 * A help-desk ticket: Created, one or two Replied (agent, sometimes the customer again),
 * Resolved. Returns the resolution time.
 */
export function openTicket(w: Writer, rng: Rng, t: number, userId: string, ticketId: string, spec: TicketSpec, priority: 'low' | 'normal' | 'high'): number {
  let resolved = t;
  speakAs(w, userId, SUPPORT_CONTEXT, (w) => {
    w.track(t, 'Ticket Created', { ticket_id: ticketId, topic: spec.topic, subject: spec.subject, text: spec.text, priority, via: 'contact_form' });
    const firstReply = t + Math.round(rng.logNormal(priority === 'high' ? 1.5 * HOUR : 5 * HOUR, 0.7));
    w.track(firstReply, 'Ticket Replied', { ticket_id: ticketId, topic: spec.topic, author: 'agent', text: spec.reply });
    let last = firstReply;
    let replies = 1;
    if (rng.chance(0.35)) {
      last += Math.round(rng.logNormal(3 * HOUR, 0.8));
      w.track(last, 'Ticket Replied', { ticket_id: ticketId, topic: spec.topic, author: 'customer', text: 'Thanks, that worked. Can you confirm nothing else is needed on my side?' });
      replies++;
    }
    resolved = last + rng.int(10, 240) * MINUTE;
    w.track(resolved, 'Ticket Resolved', { ticket_id: ticketId, topic: spec.topic, resolution_time_ms: resolved - t, replies, first_contact_resolution: replies === 1 });
  });
  return resolved;
}
