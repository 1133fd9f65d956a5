import type { ReplayOptions } from './options.ts';
import { uuid, type SafeStorage } from './storage.ts';

interface RrwebRecord {
  record(options: Record<string, unknown>): (() => void) | undefined;
}
declare global {
  interface Window {
    rrweb?: RrwebRecord;
  }
}

const CHUNK_MS = 5_000;
const CHUNK_EVENTS = 500;
/** rrweb's event type of a whole page's DOM. */
const FULL_SNAPSHOT = 2;
/** A recording ends after this long without activity; the next page starts a new one. */
const IDLE_MS = 30 * 60_000;

/** Loads a script once. */
function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(script);
  });
}

/**
 * Session replay: rrweb's recorder, loaded from the Waymark server only when a session is
 * recorded (it is larger than the rest of the SDK). Every input value is masked; elements
 * under `[data-waymark-block]` are not recorded at all. Chunks of events go to `/v1/replay`,
 * gzip-compressed where the browser can, with the anonymous id that ties them to the session.
 */
export class Replay {
  readonly #host: string;
  readonly #writeKey: string;
  readonly #storage: SafeStorage;
  readonly #anonymousId: () => string;
  readonly #maskTextSelector: string;
  #events: unknown[] = [];
  #chunkStart = 0;
  #sequence = 0;
  #replayId = '';
  #stop: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | null = null;
  #touched = 0;

  constructor(host: string, writeKey: string, storage: SafeStorage, anonymousId: () => string, maskTextSelector: string) {
    this.#host = host;
    this.#writeKey = writeKey;
    this.#storage = storage;
    this.#anonymousId = anonymousId;
    this.#maskTextSelector = maskTextSelector;
  }

  /** Whether this session is recorded: the sample is drawn once per recording, and pages filter. */
  static wanted(options: Required<ReplayOptions>, storage: SafeStorage): boolean {
    if (options.pages.length > 0 && !options.pages.some((p) => new RegExp(p).test(location.pathname))) return false;
    const drawn = storage.getJson<{ at: number; sampled: boolean }>('wm_replay_sample');
    const sampled = drawn && Date.now() - drawn.at < IDLE_MS ? drawn.sampled : Math.random() < options.sampleRate;
    storage.set('wm_replay_sample', JSON.stringify({ at: Date.now(), sampled }));
    return sampled;
  }

  async start(): Promise<void> {
    if (this.#stop) return;
    if (!window.rrweb) await loadScript(`${this.#host}/sdk/rrweb.js`);
    const rrweb = window.rrweb;
    if (!rrweb) throw new Error('rrweb did not load');
    this.#replayId = this.#currentId();
    this.#chunkStart = Date.now();
    this.#stop = rrweb.record({
      emit: (event: unknown) => {
        this.#events.push(event);
        this.#touch();
        // The page's snapshot is most of a recording's bytes: sent at once, it is not left to the
        // moment the page goes away, when a chunk too big for a beacon may not arrive.
        if ((event as { type?: unknown }).type === FULL_SNAPSHOT || this.#events.length >= CHUNK_EVENTS) void this.flush();
      },
      maskAllInputs: true,
      maskTextSelector: this.#maskTextSelector.replace(/, (input|textarea|select)\b/g, '') || undefined,
      blockSelector: '[data-waymark-block]',
      recordCanvas: false,
      collectFonts: false,
      sampling: { mousemove: 50, scroll: 150, input: 'last' },
    });
    this.#timer = setInterval(() => void this.flush(), CHUNK_MS);
  }

  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Sends the events recorded since the last chunk. `beacon` when the page is going away. */
  async flush(beacon = false): Promise<void> {
    if (this.#events.length === 0) return;
    const events = this.#events;
    this.#events = [];
    const body = JSON.stringify({
      writeKey: this.#writeKey,
      anonymousId: this.#anonymousId(),
      replayId: this.#replayId,
      // The server stores a chunk once, however many times it arrives.
      chunkId: uuid(),
      sequence: this.#sequence++,
      startedAt: new Date(this.#chunkStart).toISOString(),
      endedAt: new Date().toISOString(),
      url: location.href,
      events,
    });
    this.#chunkStart = Date.now();
    const url = `${this.#host}/v1/replay`;
    if (beacon && typeof navigator.sendBeacon === 'function' && body.length < 60_000 && navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }))) return;
    try {
      if (typeof CompressionStream === 'function') {
        const gzipped = await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
        await fetch(url, { method: 'POST', body: gzipped, headers: { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' }, keepalive: gzipped.byteLength < 60_000 });
      } else {
        await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' }, keepalive: body.length < 60_000 });
      }
    } catch {
      // A lost chunk leaves a gap in the recording, not an error on the site.
    }
  }

  #currentId(): string {
    const saved = this.#storage.getJson<{ id: string; at: number }>('wm_replay');
    const id = saved && Date.now() - saved.at < IDLE_MS ? saved.id : uuid();
    this.#storage.set('wm_replay', JSON.stringify({ id, at: Date.now() }));
    return id;
  }

  /** Keeps the recording alive across pages while there is activity (written at most every 5 s). */
  #touch(): void {
    const now = Date.now();
    if (now - this.#touched < 5_000) return;
    this.#touched = now;
    this.#storage.set('wm_replay', JSON.stringify({ id: this.#replayId, at: now }));
  }
}
