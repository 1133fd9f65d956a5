import type { SafeStorage } from './storage.ts';

export type Message = Record<string, unknown> & { messageId: string; type: string };

/** Beacons are capped by browsers at about 64 KB; stay under it. */
const BEACON_LIMIT = 60_000;
const MAX_BATCH = 100;
/** Events kept for later when the network is down: the newest this many. */
const MAX_STORED = 1_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Batches messages to `POST /v1/batch`, retries failures with exponential backoff and
 * jitter, keeps what is not yet sent in storage (so a closed tab or an offline spell loses
 * nothing; messageIds make resends harmless), and hands the rest to `sendBeacon` when the
 * page is hidden. Bodies are `text/plain` JSON with the write key inside: a simple request,
 * so no CORS preflight per batch.
 */
export class Queue {
  readonly #url: string;
  readonly #writeKey: string;
  readonly #storage: SafeStorage;
  readonly #storageKey: string;
  readonly #flushAt: number;
  readonly #flushInterval: number;
  #pending: Message[];
  #inFlight = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;

  constructor(host: string, writeKey: string, storage: SafeStorage, flushAt: number, flushInterval: number) {
    this.#url = `${host}/v1/batch`;
    this.#writeKey = writeKey;
    this.#storage = storage;
    this.#storageKey = `wm_queue_${writeKey.slice(-12)}`;
    this.#flushAt = flushAt;
    this.#flushInterval = flushInterval;
    this.#pending = storage.getJson<Message[]>(this.#storageKey) ?? [];
    if (this.#pending.length > 0) this.#schedule(0);
  }

  get size(): number {
    return this.#pending.length;
  }

  push(message: Message): void {
    this.#pending.push(message);
    if (this.#pending.length > MAX_STORED) this.#pending.splice(0, this.#pending.length - MAX_STORED);
    this.#saveSoon();
    if (this.#pending.length >= this.#flushAt) void this.flush();
    else this.#schedule(this.#flushInterval);
  }

  /** Sends what is waiting, a batch at a time; resolves when done or when a send fails (it is retried later). */
  async flush(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#inFlight || this.#pending.length === 0) return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return; // the 'online' event flushes
    this.#inFlight = true;
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.slice(0, MAX_BATCH);
        const outcome = await this.#send(batch);
        if (outcome === 'retry') {
          this.#failures++;
          const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.#failures);
          this.#schedule(backoff / 2 + Math.random() * (backoff / 2));
          return;
        }
        // Sent, or refused as invalid (a 4xx other than 408/429): either way it must not be sent again.
        this.#failures = 0;
        const sent = new Set(batch.map((m) => m.messageId));
        this.#pending = this.#pending.filter((m) => !sent.has(m.messageId));
        this.#save();
      }
    } finally {
      this.#inFlight = false;
    }
  }

  /** The page is going away: hand everything to the browser, which sends it after the page is gone. */
  beacon(): void {
    if (this.#pending.length === 0 || typeof navigator === 'undefined' || typeof navigator.sendBeacon !== 'function') return;
    const handed = new Set<string>();
    let batch: Message[] = [];
    let size = 200; // the envelope: write key and sentAt
    const send = () => {
      if (!navigator.sendBeacon(this.#url, new Blob([this.#body(batch)], { type: 'text/plain' }))) return false;
      for (const m of batch) handed.add(m.messageId);
      batch = [];
      size = 200;
      return true;
    };
    for (const message of this.#pending) {
      const length = JSON.stringify(message).length + 1;
      if (batch.length > 0 && size + length > BEACON_LIMIT && !send()) break;
      batch.push(message);
      size += length;
    }
    if (batch.length > 0) send();
    // What the browser refused stays stored, and is sent on the next page.
    this.#pending = this.#pending.filter((m) => !handed.has(m.messageId));
    this.#save();
  }

  #body(batch: readonly Message[]): string {
    return JSON.stringify({ batch, writeKey: this.#writeKey, sentAt: new Date().toISOString() });
  }

  async #send(batch: readonly Message[]): Promise<'done' | 'retry'> {
    try {
      const response = await fetch(this.#url, { method: 'POST', body: this.#body(batch), headers: { 'Content-Type': 'text/plain' }, keepalive: true, credentials: 'omit' });
      if (response.ok) return 'done';
      if (response.status === 408 || response.status === 429 || response.status >= 500) return 'retry';
      console.warn(`[waymark] the server refused ${batch.length} events (${response.status}): ${await response.text().catch(() => '')}`);
      return 'done';
    } catch {
      return 'retry';
    }
  }

  #schedule(ms: number): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, ms);
  }

  /** Storage is written at most once a second: serializing the queue on every event would cost more than capturing it. */
  #saveSoon(): void {
    if (this.#saveTimer !== null) return;
    this.#saveTimer = setTimeout(() => this.#save(), 1000);
  }

  #save(): void {
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    if (this.#pending.length === 0) this.#storage.remove(this.#storageKey);
    else this.#storage.set(this.#storageKey, JSON.stringify(this.#pending));
  }

  /** Forgets everything waiting (opt-out). */
  clear(): void {
    this.#pending = [];
    this.#save();
  }
}
