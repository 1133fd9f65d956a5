/**
 * The message ids seen recently, so a retried message is stored once. Like Segment, the
 * window is bounded: ids older than `windowMs`, or beyond the newest `maxIds`, are forgotten.
 * Each id maps to its log sequence number, so a retry of a message that is not yet durable
 * can wait for it instead of being acknowledged early.
 */
export class DedupIndex {
  /** Per project, message id -> sequence number, in insertion (and so sequence) order. */
  readonly #projects = new Map<string, Map<string, number>>();
  #size = 0;
  #lastSeq = 0;
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
    return this.#projects.get(projectId)?.get(messageId);
  }

  add(projectId: string, messageId: string, seq: number, at: number): void {
    let ids = this.#projects.get(projectId);
    if (ids === undefined) this.#projects.set(projectId, (ids = new Map()));
    if (!ids.has(messageId)) this.#size++;
    ids.set(messageId, seq);
    if (seq > this.#lastSeq) this.#lastSeq = seq;
    const last = this.#marks[this.#marks.length - 1];
    if (last === undefined || at - last.at >= 1000) this.#marks.push({ at, seq });
    else last.seq = seq;
  }

  /**
   * Forgets what fell out of the window: ids older than the window, and all but the newest
   * `maxIds` (sequence numbers are given out one per stored message, so those are the ids
   * above `lastSeq - maxIds`).
   */
  expire(now: number): void {
    let cutoff = -1;
    while (this.#marks.length > 0 && this.#marks[0]!.at < now - this.#windowMs) cutoff = this.#marks.shift()!.seq;
    if (this.#size > this.#maxIds) cutoff = Math.max(cutoff, this.#lastSeq - this.#maxIds);
    if (cutoff < 0) return;
    for (const ids of this.#projects.values()) {
      for (const [id, seq] of ids) {
        if (seq > cutoff) break;
        ids.delete(id);
        this.#size--;
      }
    }
  }

  get size(): number {
    return this.#size;
  }
}
