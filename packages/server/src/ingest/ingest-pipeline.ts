import {
  IdentityGraph,
  MAX_EVENT_BYTES,
  Sessionizer,
  WaymarkError,
  normalizeMessage,
  resolveEvents,
  type IncomingEvent,
  type MessageType,
  type SegmentMessage,
} from '@waymark/core';
import type { Logger } from 'pino';
import type { EventStore } from '../stores/event-store.ts';
import { DedupIndex } from './dedup-index.ts';
import { WriteAheadLog } from './wal/write-ahead-log.ts';

export interface IngestRequest {
  readonly projectId: string;
  readonly keyChannel: string | null;
  readonly receivedAt: number;
  readonly messages: readonly SegmentMessage[];
  /** `batch` for /v1/batch (paths read `batch[3].event`); null for single-message calls. */
  readonly pathRoot: string | null;
  readonly batchSentAt?: string | undefined;
  readonly defaultType?: MessageType | undefined;
}

export interface IngestOutcome {
  readonly accepted: number;
  readonly duplicates: number;
  readonly skipped: number;
}

export interface PipelineOptions {
  readonly store: EventStore;
  readonly walDir: string;
  readonly flushIntervalMs: number;
  readonly dedupWindowMs: number;
  readonly dedupMaxIds?: number;
  /** Past this many acknowledged events waiting for the store, new requests get a 503. */
  readonly maxBuffered?: number;
  readonly logger: Logger;
  readonly newId: () => string;
}

const MAX_FLUSH = 200_000;

/**
 * Capture's path from request to store. `ingest` validates a whole request (all or
 * nothing), drops messages already seen, appends the rest to the write-ahead log and resolves
 * once they are on disk: that is the acknowledgement. A background flush then resolves
 * persons and sessions in log order and commits each batch to the event store together with
 * its checkpoint; on start, whatever the log holds past the checkpoint is flushed again.
 */
export class IngestPipeline {
  readonly #store: EventStore;
  readonly #wal: WriteAheadLog;
  readonly #dedup: DedupIndex;
  #graph = new IdentityGraph();
  #sessions = new Sessionizer();
  readonly #options: PipelineOptions;
  readonly #log: Logger;
  #buffer: { seq: number; event: IncomingEvent }[] = [];
  #visibleSeq: number;
  #visibleWaiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  #flushing: Promise<void> | null = null;
  #timer: NodeJS.Timeout;
  #closed = false;

  private constructor(options: PipelineOptions, wal: WriteAheadLog, checkpoint: number) {
    this.#options = options;
    this.#store = options.store;
    this.#wal = wal;
    this.#log = options.logger;
    this.#dedup = new DedupIndex(options.dedupWindowMs, options.dedupMaxIds ?? 5_000_000);
    this.#visibleSeq = checkpoint;
    this.#timer = setInterval(() => void this.flush().catch(() => undefined), options.flushIntervalMs);
    this.#timer.unref();
  }

  static async start(options: PipelineOptions, now = Date.now()): Promise<IngestPipeline> {
    const checkpoint = await options.store.checkpoint();
    const { wal, records } = await WriteAheadLog.open(options.walDir, checkpoint);
    const pipeline = new IngestPipeline(options, wal, checkpoint);
    await pipeline.#loadState(now);
    for (const record of records) {
      const event = JSON.parse(record.json) as IncomingEvent;
      pipeline.#dedup.add(event.projectId, event.id, record.seq, event.receivedAt);
      pipeline.#buffer.push({ seq: record.seq, event });
    }
    if (records.length > 0) {
      options.logger.info({ replayed: records.length, checkpoint }, 'replaying the write-ahead log');
      await pipeline.flush();
    }
    return pipeline;
  }

  /** The highest sequence number acknowledged so far. */
  get acknowledgedSeq(): number {
    return this.#wal.lastSeq;
  }

  get buffered(): number {
    return this.#buffer.length;
  }

  async ingest(request: IngestRequest): Promise<IngestOutcome> {
    if (this.#closed) throw new WaymarkError('WM_UNAVAILABLE', null, 'the server is shutting down');
    if (this.#buffer.length > (this.#options.maxBuffered ?? 1_000_000)) {
      throw new WaymarkError('WM_UNAVAILABLE', null, 'the event store is behind; retry later');
    }
    const fresh: IncomingEvent[] = [];
    const jsons: string[] = [];
    let skipped = 0;
    const { messages } = request;
    for (let i = 0; i < messages.length; i++) {
      const path = request.pathRoot === null ? '' : `${request.pathRoot}[${i}]`;
      const result = normalizeMessage(messages[i]!, {
        projectId: request.projectId,
        receivedAt: request.receivedAt,
        batchSentAt: request.batchSentAt,
        keyChannel: request.keyChannel,
        defaultType: request.defaultType,
        path,
        newId: this.#options.newId,
      });
      if (result.kind === 'error') throw result.error;
      if (result.kind === 'skip') {
        skipped++;
        continue;
      }
      const json = JSON.stringify(result.event);
      // UTF-8 takes at most 3 bytes per UTF-16 unit: only long texts need counting.
      if (json.length * 3 > MAX_EVENT_BYTES && Buffer.byteLength(json) > MAX_EVENT_BYTES) {
        throw new WaymarkError('WM_INGEST_EVENT_TOO_LARGE', path || null, `the event is ${Buffer.byteLength(json)} bytes; at most ${MAX_EVENT_BYTES} are accepted`);
      }
      fresh.push(result.event);
      jsons.push(json);
    }

    // Deduplicate only once the whole request is known to be valid: a rejected request stores nothing.
    let duplicates = 0;
    let waitFor = 0;
    const keep: number[] = [];
    const inRequest = new Set<string>();
    for (let i = 0; i < fresh.length; i++) {
      const e = fresh[i]!;
      const seen = this.#dedup.seqOf(e.projectId, e.id);
      if (seen !== undefined || inRequest.has(e.id)) {
        duplicates++;
        if (seen !== undefined && seen > waitFor) waitFor = seen;
        continue;
      }
      inRequest.add(e.id);
      keep.push(i);
    }
    if (keep.length > 0) {
      const seqs = this.#wal.append(keep.length === jsons.length ? jsons : keep.map((i) => jsons[i]!));
      for (let k = 0; k < keep.length; k++) {
        const event = fresh[keep[k]!]!;
        this.#dedup.add(event.projectId, event.id, seqs[k]!, request.receivedAt);
        this.#buffer.push({ seq: seqs[k]!, event });
      }
      waitFor = Math.max(waitFor, seqs[seqs.length - 1]!);
    }
    if (waitFor > 0) await this.#wal.waitDurable(waitFor);
    return { accepted: keep.length, duplicates, skipped };
  }

  /** Moves everything acknowledged so far into the event store. */
  flush(): Promise<void> {
    if (this.#flushing) return this.#flushing.then(() => (this.#buffer.length > 0 ? this.flush() : undefined));
    if (this.#buffer.length === 0) return Promise.resolve();
    this.#flushing = this.#flushOnce().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  /** Resolves once every event acknowledged before the call is readable from the store. */
  async waitVisible(seq = this.acknowledgedSeq): Promise<void> {
    if (seq <= this.#visibleSeq) return;
    const visible = new Promise<void>((resolve, reject) => this.#visibleWaiters.push({ seq, resolve, reject }));
    void this.flush().catch(() => undefined);
    await visible;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#wal.waitDurable(this.#wal.lastSeq).catch(() => undefined);
    // What cannot be flushed now stays in the log and is replayed on the next start.
    await this.flush().catch(() => undefined);
    await this.#wal.close();
  }

  async #flushOnce(): Promise<void> {
    const take = this.#buffer.length > MAX_FLUSH ? this.#buffer.slice(0, MAX_FLUSH) : this.#buffer;
    this.#buffer = take === this.#buffer ? [] : this.#buffer.slice(MAX_FLUSH);
    const upTo = take[take.length - 1]!.seq;
    const started = performance.now();
    try {
      const resolved = resolveEvents(take.map((t) => t.event), this.#graph, this.#sessions);
      await this.#store.write(resolved, take.map((t) => t.seq), upTo);
    } catch (error) {
      // The graph and sessions saw events the store did not take: rebuild them, keep the events.
      this.#log.error({ err: error, events: take.length }, 'flush to the event store failed; will retry');
      this.#buffer = take.concat(this.#buffer);
      const waiting = this.#visibleWaiters;
      this.#visibleWaiters = [];
      for (const w of waiting) w.reject(new WaymarkError('WM_UNAVAILABLE', null, 'the event store cannot take writes right now'));
      await this.#loadState(Date.now());
      throw error;
    }
    this.#visibleSeq = upTo;
    this.#log.debug({ events: take.length, ms: Math.round(performance.now() - started) }, 'flushed');
    const waiting = this.#visibleWaiters;
    this.#visibleWaiters = [];
    for (const w of waiting) {
      if (w.seq <= upTo) w.resolve();
      else this.#visibleWaiters.push(w);
    }
    this.#dedup.expire(Date.now());
    await this.#wal.truncate(upTo);
  }

  /** Rebuilds who-is-who, open sessions and recent message ids from what the store holds. */
  async #loadState(now: number): Promise<void> {
    const graph = new IdentityGraph();
    const sessions = new Sessionizer();
    await this.#store.loadIdentities((projectId, key, personId) => graph.load(projectId, key, personId));
    await this.#store.loadOpenSessions(now - OPEN_SESSION_LOOKBACK_MS, (p, device, id, start, last) => sessions.restore(p, device, id, start, last));
    this.#graph = graph;
    this.#sessions = sessions;
    await this.#store.loadRecentIds(now - this.#options.dedupWindowMs, this.#options.dedupMaxIds ?? 5_000_000, (p, id, seq) =>
      this.#dedup.add(p, id, seq, now),
    );
  }
}

/** Devices whose events arrived this recently may still be in a session when the server restarts. */
const OPEN_SESSION_LOOKBACK_MS = 2 * 3_600_000;
