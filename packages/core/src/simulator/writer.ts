import type { SegmentMessage } from '../events/segment-schema.ts';
import type { Period } from './clock.ts';

type Props = Record<string, unknown>;

/**
 * Builds one customer's messages. The caller sets who is speaking (`anonymousId`, `userId`,
 * `context`) and emits in roughly time order; `finish` sorts by time (insertion sort: the
 * buffer is nearly sorted) and drops nothing else. Messages after the period are never built.
 *
 * Context objects are shared between the messages of one session (they are frozen): copy a
 * message's context before changing it.
 */
export class Writer {
  readonly period: Period;
  anonymousId: string | null = null;
  userId: string | null = null;
  context: Props = {};
  #msgs: SegmentMessage[] = [];
  #times: number[] = [];
  #idPrefix = '';
  #k = 0;

  constructor(period: Period) {
    this.period = period;
  }

  /** Starts a new customer; message ids are `<idPrefix><counter in base 36>`. */
  begin(idPrefix: string): void {
    this.#msgs.length = 0;
    this.#times.length = 0;
    this.#idPrefix = idPrefix;
    this.#k = 0;
    this.anonymousId = null;
    this.userId = null;
  }

  /** True when `t` is inside the period (callers skip work for the future). */
  within(t: number): boolean {
    return t < this.period.lengthMs;
  }

  track(t: number, event: string, properties: Props): void {
    if (t >= this.period.lengthMs) return;
    const messageId = this.#idPrefix + (this.#k++).toString(36);
    const timestamp = this.period.iso(t);
    const anonymousId = this.anonymousId;
    const userId = this.userId;
    let m: SegmentMessage;
    if (userId === null) m = { type: 'track', messageId, anonymousId, event, properties, context: this.context, timestamp };
    else if (anonymousId === null) m = { type: 'track', messageId, userId, event, properties, context: this.context, timestamp };
    else m = { type: 'track', messageId, anonymousId, userId, event, properties, context: this.context, timestamp };
    this.#msgs.push(m);
    this.#times.push(t);
  }

  page(t: number, name: string, properties: Props): void {
    if (t >= this.period.lengthMs) return;
    const messageId = this.#idPrefix + (this.#k++).toString(36);
    const timestamp = this.period.iso(t);
    const anonymousId = this.anonymousId;
    const userId = this.userId;
    let m: SegmentMessage;
    if (userId === null) m = { type: 'page', messageId, anonymousId, name, properties, context: this.context, timestamp };
    else m = { type: 'page', messageId, anonymousId, userId, name, properties, context: this.context, timestamp };
    this.#msgs.push(m);
    this.#times.push(t);
  }

  identify(t: number, traits: Props): void {
    if (t >= this.period.lengthMs || this.userId === null) return;
    const messageId = this.#idPrefix + (this.#k++).toString(36);
    const m: SegmentMessage =
      this.anonymousId === null
        ? { type: 'identify', messageId, userId: this.userId, traits, context: this.context, timestamp: this.period.iso(t) }
        : { type: 'identify', messageId, anonymousId: this.anonymousId, userId: this.userId, traits, context: this.context, timestamp: this.period.iso(t) };
    this.#msgs.push(m);
    this.#times.push(t);
  }

  /** The customer's messages in time order (stable). The array is reused by the next `begin`. */
  finish(): readonly SegmentMessage[] {
    const msgs = this.#msgs;
    const times = this.#times;
    for (let i = 1; i < times.length; i++) {
      const t = times[i]!;
      if (t >= times[i - 1]!) continue;
      const m = msgs[i]!;
      let j = i - 1;
      while (j >= 0 && times[j]! > t) {
        times[j + 1] = times[j]!;
        msgs[j + 1] = msgs[j]!;
        j--;
      }
      times[j + 1] = t;
      msgs[j + 1] = m;
    }
    return msgs;
  }
}
