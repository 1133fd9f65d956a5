import { MAX_EVENT_BYTES, WaymarkError, normalizeMessage, type IncomingEvent, type MessageType, type SegmentMessage } from '@waymark/core';
import type { Logger } from 'pino';
import type { StoreHandle } from '../stores/store-handle.ts';
import { DedupIndex } from './dedup-index.ts';
import { decodeRecord, encodeRecord } from './event-record.ts';
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

interface Replayed {
  readonly projectId: string;
  readonly id: string;
  readonly seq: number;
  readonly at: number;
}

export interface PipelineOptions {
  readonly store: StoreHandle;
  readonly walDir: string;
  readonly dedupWindowMs: number;
  readonly dedupMaxIds?: number;
  /**
   * Read the recent message ids (to drop retries) at the first `ingest` rather than at start: the
   * CLI's commands mostly only read, and a day's million ids take seconds to load.
   */
  readonly recentIdsOnDemand?: boolean;
  /** Past this many acknowledged events not yet in the store, new requests get a 503. */
  readonly maxBehind?: number;
  readonly logger: Logger;
  readonly newId: () => string;
}

/**
 * Capture's path from request to store. `ingest` validates a whole request (all or
 * nothing), drops messages already seen, appends the rest to the write-ahead log and resolves
 * once they are on disk: that is the acknowledgement. Each durable chunk of the log is
 * shipped to the store worker, which resolves persons and sessions and commits it; on start,
 * whatever the log holds past the store's checkpoint is shipped again.
 */
export class IngestPipeline {
  readonly #store: StoreHandle;
  readonly #wal: WriteAheadLog;
  /** The ids stored within the dedup window: set by #dedupLoaded, which every ingest awaits first. */
  #dedup!: DedupIndex;
  /** The log's records replayed at start, for the dedup index once it is loaded. */
  #replayed: Replayed[];
  #dedupLoad: Promise<void> | null = null;
  readonly #options: PipelineOptions;
  #closed = false;

  private constructor(options: PipelineOptions, wal: WriteAheadLog, replayed: Replayed[]) {
    this.#options = options;
    this.#store = options.store;
    this.#wal = wal;
    this.#replayed = replayed;
  }

  static async start(options: PipelineOptions): Promise<IngestPipeline> {
    const store = options.store;
    const { wal, records } = await WriteAheadLog.open(options.walDir, store.checkpoint, (chunk, upTo) => store.shipLog(chunk, upTo));
    const replayed = records.map((record) => {
      const { event } = decodeRecord(record.text);
      return { projectId: event.projectId, id: event.id, seq: record.seq, at: event.receivedAt };
    });
    const pipeline = new IngestPipeline(options, wal, replayed);
    if (records.length > 0) {
      options.logger.info({ replayed: records.length, checkpoint: store.checkpoint }, 'replaying the write-ahead log');
      store.shipLog(records.map((r) => `${r.seq}\t${r.text}\n`).join(''), records[records.length - 1]!.seq);
      await store.flush();
    }
    if (!options.recentIdsOnDemand) await pipeline.#dedupLoaded();
    return pipeline;
  }

  get #maxIds(): number {
    return this.#options.dedupMaxIds ?? 5_000_000;
  }

  /**
   * The dedup index of the ids the store received within the window, then those replayed from
   * the log (past its checkpoint, so in sequence order even when the replay reached the store).
   */
  #dedupLoaded(): Promise<void> {
    this.#dedupLoad ??= (async () => {
      const now = Date.now();
      const dedup = new DedupIndex(this.#options.dedupWindowMs, this.#maxIds);
      for (const [projectId, id, seq] of await this.#store.recentIds(now - this.#options.dedupWindowMs, this.#maxIds)) dedup.add(projectId, id, seq, now);
      for (const r of this.#replayed) dedup.add(r.projectId, r.id, r.seq, r.at);
      this.#replayed = [];
      this.#dedup = dedup;
    })().catch((error: unknown) => {
      this.#dedupLoad = null; // tried again at the next request
      throw error;
    });
    return this.#dedupLoad;
  }

  /** The highest sequence number acknowledged so far. */
  get acknowledgedSeq(): number {
    return this.#wal.lastSeq;
  }

  /** Called when the store has committed up to `seq`: log segments below it can go. */
  storeCaughtUp(seq: number): void {
    void this.#wal.truncate(seq).catch((error: unknown) => this.#options.logger.warn({ err: error }, 'could not delete an old log segment'));
  }

  async ingest(request: IngestRequest): Promise<IngestOutcome> {
    await this.#dedupLoaded();
    if (this.#closed) throw new WaymarkError('WM_UNAVAILABLE', null, 'the server is shutting down');
    if (this.#wal.lastSeq - this.#store.checkpoint > (this.#options.maxBehind ?? 2_000_000)) {
      throw new WaymarkError('WM_UNAVAILABLE', null, 'the event store is behind; retry later');
    }
    const fresh: IncomingEvent[] = [];
    const records: string[] = [];
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
      const record = encodeRecord(result.event, JSON.stringify(result.event.properties), JSON.stringify(result.event.context));
      // UTF-8 takes at most 3 bytes per UTF-16 unit: only long records need counting.
      if (record.length * 3 > MAX_EVENT_BYTES && Buffer.byteLength(record) > MAX_EVENT_BYTES) {
        throw new WaymarkError('WM_INGEST_EVENT_TOO_LARGE', path || null, `the event is ${Buffer.byteLength(record)} bytes; at most ${MAX_EVENT_BYTES} are accepted`);
      }
      fresh.push(result.event);
      records.push(record);
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
        // A retry of a message not yet on disk waits for it, so its ack is as good as the first.
        if (seen !== undefined && seen > waitFor) waitFor = seen;
        continue;
      }
      inRequest.add(e.id);
      keep.push(i);
    }
    if (keep.length > 0) {
      const seqs = this.#wal.append(keep.length === records.length ? records : keep.map((i) => records[i]!));
      for (let k = 0; k < keep.length; k++) {
        const event = fresh[keep[k]!]!;
        this.#dedup.add(event.projectId, event.id, seqs[k]!, request.receivedAt);
      }
      waitFor = Math.max(waitFor, seqs[seqs.length - 1]!);
    }
    if (waitFor > 0) await this.#wal.waitDurable(waitFor);
    this.#dedup.expire(request.receivedAt);
    return { accepted: keep.length, duplicates, skipped };
  }

  /** Resolves once every event acknowledged before the call is readable from the store. */
  async waitVisible(seq = this.acknowledgedSeq): Promise<void> {
    await this.#wal.waitDurable(seq);
    await this.#store.waitVisible(seq);
  }

  /** Commits everything acknowledged so far to the store. */
  async flush(): Promise<void> {
    await this.waitVisible();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#dedupLoad?.catch(() => undefined);
    await this.#wal.waitDurable(this.#wal.lastSeq).catch(() => undefined);
    await this.#wal.close();
  }
}
