import { HOUR } from '../clock.ts';
import { EMAIL_CONTEXT } from '../people.ts';
import type { Rng } from '../rng.ts';
import type { Writer } from '../writer.ts';
import { speakAs } from './actor.ts';

export interface EmailSpec {
  readonly campaign: string;
  readonly emailId: string;
  readonly subject: string;
  readonly linkUrl: string;
}

export interface EmailOutcome {
  /** False when the message never reaches the inbox (only `Email Sent` is reported). */
  readonly delivered: boolean;
  readonly openRate: number;
  /** Probability of a click given an open. */
  readonly clickRate: number;
}

/**
 * An email as the provider's webhooks report it: Sent, then Delivered, Opened, Link Clicked
 * (each conditional on the previous). Returns the click time, or -1 without a click.
 */
export function sendEmail(w: Writer, rng: Rng, t: number, userId: string, recipientDomain: string, spec: EmailSpec, outcome: EmailOutcome): number {
  let clickedAt = -1;
  speakAs(w, userId, EMAIL_CONTEXT, (w) => {
    const base = { campaign: spec.campaign, email_id: spec.emailId, subject: spec.subject, recipient_domain: recipientDomain };
    w.track(t, 'Email Sent', base);
    if (!outcome.delivered) return;
    const delivered = t + rng.int(2_000, 40_000);
    w.track(delivered, 'Email Delivered', base);
    if (!rng.chance(outcome.openRate)) return;
    const opened = delivered + Math.round(rng.logNormal(2 * HOUR, 1.1));
    w.track(opened, 'Email Opened', base);
    if (!rng.chance(outcome.clickRate)) return;
    clickedAt = opened + rng.int(4_000, 90_000);
    w.track(clickedAt, 'Email Link Clicked', { ...base, link_url: spec.linkUrl });
  });
  return clickedAt;
}
