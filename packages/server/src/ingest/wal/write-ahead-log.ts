import { mkdirSync, readdirSync, readFileSync, truncateSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** A record read back from the log: its sequence number and the text written with it. */
export interface WalRecord {
  readonly seq: number;
  readonly text: string;
}

/**
 * Called with each chunk of records (`<seq>\t<record>\n` lines) once it is on disk, in order,
 * before the appenders waiting for it are released.
 */
export type DurableListener = (chunk: string, upTo: number) => void;

interface Waiter {
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

interface Segment {
  readonly firstSeq: number;
  readonly file: string;
}

const SEGMENT_BYTES = 64 * 1024 * 1024;
const segmentName = (firstSeq: number) => `${String(firstSeq).padStart(16, '0')}.wal`;

/**
 * An append-only log of acknowledged events, one line per record (`<seq>\t<record>\n`), in
 * 64 MB segment files. Appends are group-committed: records that arrive while a write and
 * `fdatasync` are under way are written together by the next one, so one disk flush
 * acknowledges many requests. A torn last line (a crash mid-write) was never acknowledged
 * and is ignored on recovery.
 */
export class WriteAheadLog {
  readonly #dir: string;
  readonly #segments: Segment[];
  #handle: FileHandle;
  #segmentBytes = 0;
  #lastSeq: number;
  #durableSeq: number;
  #pending: string[] = [];
  #writing = false;
  #failure: Error | null = null;
  #waiters: Waiter[] = [];
  readonly #onDurable: DurableListener;

  private constructor(dir: string, segments: Segment[], handle: FileHandle, lastSeq: number, onDurable: DurableListener) {
    this.#dir = dir;
    this.#onDurable = onDurable;
    this.#segments = segments;
    this.#handle = handle;
    this.#lastSeq = lastSeq;
    this.#durableSeq = lastSeq;
  }

  /**
   * Opens the log in `dir`, returning the records after `afterSeq` (those not yet in the
   * event store) in order. New records get sequence numbers after every one seen.
   */
  static async open(dir: string, afterSeq: number, onDurable: DurableListener = () => undefined): Promise<{ wal: WriteAheadLog; records: WalRecord[] }> {
    mkdirSync(dir, { recursive: true });
    const segments = readdirSync(dir)
      .filter((name) => /^\d{16}\.wal$/.test(name))
      .sort()
      .map((name) => ({ firstSeq: Number(name.slice(0, 16)), file: path.join(dir, name) }));
    const records: WalRecord[] = [];
    let lastSeq = afterSeq;
    for (const segment of segments) {
      for (const record of readSegment(segment.file)) {
        if (record.seq > lastSeq) lastSeq = record.seq;
        if (record.seq > afterSeq) records.push(record);
      }
    }
    const fresh = { firstSeq: lastSeq + 1, file: path.join(dir, segmentName(lastSeq + 1)) };
    // The segment may exist with only a torn line (a crash during its first write): cut it, or
    // the next record would be glued to it.
    if (segments.some((s) => s.file === fresh.file)) cutTornTail(fresh.file);
    const handle = await open(fresh.file, 'a');
    await syncDirectory(dir);
    if (!segments.some((s) => s.file === fresh.file)) segments.push(fresh);
    return { wal: new WriteAheadLog(dir, segments, handle, lastSeq, onDurable), records };
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  get durableSeq(): number {
    return this.#durableSeq;
  }

  /**
   * Queues records (text without newlines) and returns the sequence
   * number of each. They are durable once `waitDurable(lastOfThem)` resolves.
   */
  append(records: readonly string[]): number[] {
    if (this.#failure) throw this.#failure;
    const seqs = new Array<number>(records.length);
    for (let i = 0; i < records.length; i++) {
      const seq = ++this.#lastSeq;
      seqs[i] = seq;
      this.#pending.push(`${seq}\t${records[i]}\n`);
    }
    if (!this.#writing) void this.#drain();
    return seqs;
  }

  /** Resolves once every record up to `seq` is on disk. */
  waitDurable(seq: number): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (seq <= this.#durableSeq) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ seq, resolve, reject }));
  }

  /** Deletes whole segments whose records are all at or below `seq` (already in the store). */
  async truncate(seq: number): Promise<void> {
    while (this.#segments.length > 1 && this.#segments[1]!.firstSeq - 1 <= seq) {
      const [old] = this.#segments.splice(0, 1);
      await unlink(old!.file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }

  async close(): Promise<void> {
    if (this.#lastSeq > this.#durableSeq && !this.#failure) await this.waitDurable(this.#lastSeq);
    await this.#handle.close();
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#pending.length > 0) {
        const chunk = this.#pending.join('');
        const upTo = this.#lastSeq;
        this.#pending = [];
        await this.#handle.write(chunk);
        await this.#handle.datasync();
        this.#segmentBytes += Buffer.byteLength(chunk);
        this.#durableSeq = upTo;
        this.#onDurable(chunk, upTo);
        this.#release();
        if (this.#segmentBytes >= SEGMENT_BYTES) await this.#rotate();
      }
    } catch (error) {
      this.#failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of this.#waiters) waiter.reject(this.#failure);
      this.#waiters = [];
    } finally {
      this.#writing = false;
    }
  }

  #release(): void {
    if (this.#waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (waiter.seq <= this.#durableSeq) waiter.resolve();
      else still.push(waiter);
    }
    this.#waiters = still;
  }

  async #rotate(): Promise<void> {
    const segment = { firstSeq: this.#durableSeq + 1, file: path.join(this.#dir, segmentName(this.#durableSeq + 1)) };
    const handle = await open(segment.file, 'a');
    await syncDirectory(this.#dir);
    await this.#handle.close();
    this.#handle = handle;
    this.#segments.push(segment);
    this.#segmentBytes = 0;
  }
}

function* readSegment(file: string): Generator<WalRecord> {
  const text = readFileSync(file, 'utf8');
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) return; // a torn last line was never acknowledged
    const tab = text.indexOf('\t', start);
    if (tab > start && tab < end) yield { seq: Number(text.slice(start, tab)), text: text.slice(tab + 1, end) };
    start = end + 1;
  }
}

/** Drops the bytes after the last complete line; they were never acknowledged. */
function cutTornTail(file: string): void {
  const bytes = readFileSync(file);
  const end = bytes.lastIndexOf(0x0a) + 1;
  if (end < bytes.length) truncateSync(file, end);
}

/** Makes a new segment file's directory entry durable. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
