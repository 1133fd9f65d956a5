import { hash64 } from '../util/hash.ts';

/** A session ends after 30 minutes without an event from the same device. */
export const SESSION_TIMEOUT_MS = 30 * 60_000;

interface OpenSession {
  id: string;
  start: number;
  last: number;
}

/**
 * Assigns session ids to events that arrive without one, per device (the anonymous id, or
 * the user id when there is none). Events are taken in arrival order: an event more than 30
 * minutes after the device's last one opens a new session; a late event joins the open
 * session if it falls within 30 minutes of it, and otherwise gets a session of its own.
 * Session ids are derived from the device and the session's first event time, so the same
 * events always get the same ids.
 */
export class Sessionizer {
  readonly #open = new Map<string, OpenSession>();
  readonly #timeout: number;

  constructor(timeoutMs = SESSION_TIMEOUT_MS) {
    this.#timeout = timeoutMs;
  }

  /** Restores a device's open session, e.g. on start. */
  restore(projectId: string, device: string, id: string, start: number, last: number): void {
    this.#open.set(`${projectId}\u0000${device}`, { id, start, last });
  }

  assign(projectId: string, device: string, timestamp: number): string {
    const key = `${projectId}\u0000${device}`;
    const open = this.#open.get(key);
    if (open !== undefined) {
      if (timestamp >= open.last) {
        if (timestamp - open.last <= this.#timeout) {
          open.last = timestamp;
          return open.id;
        }
      } else if (timestamp >= open.start - this.#timeout) {
        if (timestamp < open.start) open.start = timestamp;
        return open.id;
      } else {
        return sessionId(key, timestamp);
      }
    }
    const id = sessionId(key, timestamp);
    this.#open.set(key, { id, start: timestamp, last: timestamp });
    return id;
  }

  /** Forgets sessions whose last event is older than `before` (epoch ms), to bound memory. */
  evict(before: number): number {
    let evicted = 0;
    for (const [key, session] of this.#open) {
      if (session.last < before) {
        this.#open.delete(key);
        evicted++;
      }
    }
    return evicted;
  }

  get size(): number {
    return this.#open.size;
  }
}

const sessionId = (key: string, start: number) => hash64(`${key}\u0000${start}`);
