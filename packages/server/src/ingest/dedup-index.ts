/**
 * The message ids seen recently, so a retried message is stored once. Like Segment, the
 * window is bounded: ids older than `windowMs`, or beyond the newest `maxIds`, are forgotten.
 * Each id maps to its log sequence number, so a retry of a message that is not yet durable
 * can wait for it instead of being acknowledged early.
 */
export class DedupIndex {
  readonly #seqOf = new Map<string, number>();
  /** (time, highest seq at that time), one entry per second, to expire by age. */
  readonly #marks: { at: number; seq: number }[] = [];
  readonly #windowMs: number;
  readonly #maxIds: number;

  constructor(windowMs: number, maxIds: number) {
    this.#windowMs = windowMs;
    this.#maxIds = maxIds;
  }

  /** The sequence number a message was stored under, if it was seen within the window. */
  seqOf(projectId: string, messageId: string): number | undefined {
    return this.#seqOf.get(`${projectId}\u0000${messageId}`);
  }

  add(projectId: string, messageId: string, seq: number, at: number): void {
    this.#seqOf.set(`${projectId}\u0000${messageId}`, seq);
    const last = this.#marks[this.#marks.length - 1];
    if (last === undefined || at - last.at >= 1000) this.#marks.push({ at, seq });
    else last.seq = seq;
  }

  /** Forgets what fell out of the window. Ids are dropped oldest first (insertion order). */
  expire(now: number): void {
    let expireUpTo = -1;
    while (this.#marks.length > 0 && this.#marks[0]!.at < now - this.#windowMs) expireUpTo = this.#marks.shift()!.seq;
    let excess = this.#seqOf.size - this.#maxIds;
    for (const [key, seq] of this.#seqOf) {
      if (seq > expireUpTo && excess <= 0) break;
      this.#seqOf.delete(key);
      excess--;
    }
  }

  get size(): number {
    return this.#seqOf.size;
  }
}
