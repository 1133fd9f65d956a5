import { DEFAULT_FRICTION_SETTINGS, FRICTION_PERSON_EVENTS, FRICTION_SESSION_EVENTS, FrictionDetector, IdentityGraph, Sessionizer, resolveEvents, type FrictionSettings, type IncomingEvent } from '@waymark/core';
import { decodeRecord } from '../../ingest/event-record.ts';
import type { EventStore, SerializedRow } from '../event-store.ts';
import { withFrictionSignals } from './friction-signals.ts';

interface Pending extends SerializedRow {
  readonly event: IncomingEvent;
}

interface WriteState {
  readonly graph: IdentityGraph;
  readonly sessions: Sessionizer;
  readonly detector: FrictionDetector;
}

const MAX_FLUSH = 200_000;

/** Friction detection in the store path: on unless turned off, with per-project thresholds. */
export interface FrictionOptions {
  readonly enabled: boolean;
  readonly settings?: Readonly<Record<string, FrictionSettings>>;
}

/**
 * Applies the write-ahead log to the event store: buffers durable records, then resolves
 * persons and sessions in log order and commits each batch together with its checkpoint.
 * If a commit fails, the records are kept, and the identity graph, sessions and detectors
 * are rebuilt from the store before the next attempt.
 */
export class LogApplier {
  readonly #store: EventStore;
  readonly #lookbackMs: number;
  #buffer: Pending[] = [];
  /**
   * Who is who, open sessions and detectors as the store leaves them: built by the first flush
   * with records (so opening a store to read it costs nothing), dropped when a write fails.
   */
  #state: WriteState | null = null;
  readonly #frictionEnabled: boolean;
  readonly #frictionSettings: Map<string, FrictionSettings>;

  constructor(store: EventStore, openSessionLookbackMs: number, friction: FrictionOptions = { enabled: true }) {
    this.#store = store;
    this.#lookbackMs = openSessionLookbackMs;
    this.#frictionEnabled = friction.enabled;
    this.#frictionSettings = new Map(Object.entries(friction.settings ?? {}));
  }

  /** A project's friction thresholds, for the events committed from now on. */
  setFrictionSettings(projectId: string, settings: FrictionSettings): void {
    this.#frictionSettings.set(projectId, settings);
  }

  #newDetector(): FrictionDetector {
    return new FrictionDetector({ settings: (projectId) => this.#frictionSettings.get(projectId) ?? DEFAULT_FRICTION_SETTINGS });
  }

  get buffered(): number {
    return this.#buffer.length;
  }

  /** Rebuilds who-is-who, open sessions and detectors from what the store holds. */
  async #load(now: number): Promise<WriteState> {
    const graph = new IdentityGraph();
    const sessions = new Sessionizer();
    await this.#store.loadIdentities((projectId, key, personId) => graph.load(projectId, key, personId));
    await this.#store.loadOpenSessions(now - this.#lookbackMs, (p, device, id, start, last) => sessions.restore(p, device, id, start, last));
    return { graph, sessions, detector: await this.#warmDetector(now) };
  }

  /**
   * Detectors in the state the committed events leave them in: the recent source events are
   * run through a fresh detector and its signals dropped (they were stored with their
   * triggers). A burst or window that spans a restart is then completed exactly as without
   * one, and records replayed from the log are not seen twice.
   */
  async #warmDetector(now: number): Promise<FrictionDetector> {
    const detector = this.#newDetector();
    if (!this.#frictionEnabled) return detector;
    const contactWindow = Math.max(DEFAULT_FRICTION_SETTINGS.repeatedContactWindowMs, ...[...this.#frictionSettings.values()].map((s) => s.repeatedContactWindowMs));
    await this.#store.loadRecentEvents(now - this.#lookbackMs, FRICTION_SESSION_EVENTS, (e) => detector.observe(e));
    await this.#store.loadRecentEvents(now - contactWindow, FRICTION_PERSON_EVENTS, (e) => detector.observe(e));
    return detector;
  }

  /** Takes `<seq>\t<record>\n` lines. */
  add(text: string): void {
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) return;
      const tab = text.indexOf('\t', start);
      const record = decodeRecord(text.slice(tab + 1, end));
      this.#buffer.push({ seq: Number(text.slice(start, tab)), event: record.event, properties: record.properties, context: record.context });
      start = end + 1;
    }
  }

  /** Commits what is buffered; returns the highest sequence number now in the store, or null if nothing was. */
  async flush(): Promise<number | null> {
    let upTo: number | null = null;
    while (this.#buffer.length > 0) {
      // Warming the detector replays every source event received in the lookback (all of an
      // import made in the last hours), which only writing needs.
      const state = (this.#state ??= await this.#load(Date.now()));
      const take = this.#buffer.length > MAX_FLUSH ? this.#buffer.slice(0, MAX_FLUSH) : this.#buffer;
      // Detach what is taken before the write: records added while it runs go to a new buffer.
      this.#buffer = take === this.#buffer ? [] : this.#buffer.slice(MAX_FLUSH);
      const last = take[take.length - 1]!.seq;
      try {
        const resolved = resolveEvents(take.map((t) => t.event), state.graph, state.sessions);
        if (this.#frictionEnabled) {
          const detected = withFrictionSignals(resolved, take, state.detector);
          await this.#store.write(detected.batch, detected.rows, last);
        } else {
          await this.#store.write(resolved, take, last);
        }
      } catch (error) {
        // What the batch changed in the graph, sessions and detectors is rebuilt from the store
        // before the next attempt: now, with the store failing, a rebuild would fail half done too.
        this.#buffer = take.concat(this.#buffer);
        this.#state = null;
        throw error;
      }
      upTo = last;
    }
    return upTo;
  }
}
