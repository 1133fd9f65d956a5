import { hash64Base64url } from '../util/hash.ts';

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
  /** Open sessions, least recently used first (a continued session moves to the end). */
  readonly #open = new Map<string, OpenSession>();
  readonly #timeout: number;
  readonly #maxOpen: number;

  constructor(options: { timeoutMs?: number; maxOpen?: number } = {}) {
    this.#timeout = options.timeoutMs ?? SESSION_TIMEOUT_MS;
    this.#maxOpen = options.maxOpen ?? 1_000_000;
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
          this.#open.delete(key);
          this.#open.set(key, open);
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
    this.#open.delete(key);
    this.#open.set(key, { id, start: timestamp, last: timestamp });
    if (this.#open.size > this.#maxOpen) this.#open.delete(this.#open.keys().next().value!);
    return id;
  }

  get size(): number {
    return this.#open.size;
  }
}

const sessionId = (key: string, start: number) => hash64Base64url(`${key}\u0000${start}`);
