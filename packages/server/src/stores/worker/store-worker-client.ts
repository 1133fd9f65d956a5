import { Worker } from 'node:worker_threads';
import { WaymarkError, type ErrorCode, type FrictionSettings } from '@waymark/core';
import type { EventStore } from '../event-store.ts';
import type { StoreHandle } from '../store-handle.ts';
import type { FromWorker, StoreMethod, StoreWorkerOptions, ToWorker } from './protocol.ts';

type Call = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * The main thread's handle on the event store worker: reads are forwarded to it, durable
 * log chunks are shipped to it, and it reports how far the store has caught up.
 */
export class StoreWorkerClient implements StoreHandle {
  readonly #worker: Worker;
  readonly #calls = new Map<number, Call>();
  #nextId = 1;
  #visibleSeq: number;
  #visibleWaiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  #crashed: Error | null = null;
  readonly #onVisible: (seq: number) => void;
  readonly #onWarning: (message: string) => void;

  private constructor(worker: Worker, checkpoint: number, onVisible: (seq: number) => void, onWarning: (message: string) => void) {
    this.#worker = worker;
    this.#visibleSeq = checkpoint;
    this.#onVisible = onVisible;
    this.#onWarning = onWarning;
    worker.on('message', (message: FromWorker) => this.#receive(message));
    worker.on('error', (error) => this.#crash(error));
    worker.on('exit', (code) => this.#crash(new Error(`the event store worker exited (${code})`)));
  }

  /** Starts the worker, which opens the store; resolves with the store's checkpoint. */
  static start(options: StoreWorkerOptions, onVisible: (seq: number) => void, onWarning: (message: string) => void): Promise<StoreWorkerClient> {
    const worker = new Worker(new URL('./store-worker-entry.mjs', import.meta.url), { workerData: options });
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('exit', (code) => reject(new Error(`the event store worker exited while starting (${code})`)));
      worker.once('message', (message: FromWorker) => {
        worker.off('error', onError);
        worker.removeAllListeners('exit');
        if (message.kind === 'ready') resolve(new StoreWorkerClient(worker, message.checkpoint, onVisible, onWarning));
        else reject(new Error(`the event store worker sent ${message.kind} before it was ready`));
      });
    });
  }

  get checkpoint(): number {
    return this.#visibleSeq;
  }

  listEvents(...args: Parameters<EventStore['listEvents']>) {
    return this.#call('listEvents', args) as ReturnType<EventStore['listEvents']>;
  }

  findPerson(...args: Parameters<EventStore['findPerson']>) {
    return this.#call('findPerson', args) as ReturnType<EventStore['findPerson']>;
  }

  exportEvents(...args: Parameters<EventStore['exportEvents']>) {
    return this.#call('exportEvents', args) as ReturnType<EventStore['exportEvents']>;
  }

  countEvents(...args: Parameters<EventStore['countEvents']>) {
    return this.#call('countEvents', args) as ReturnType<EventStore['countEvents']>;
  }

  putMemberSet(...args: Parameters<EventStore['putMemberSet']>) {
    return this.#call('putMemberSet', args) as ReturnType<EventStore['putMemberSet']>;
  }

  dropMemberSet(...args: Parameters<EventStore['dropMemberSet']>) {
    return this.#call('dropMemberSet', args) as ReturnType<EventStore['dropMemberSet']>;
  }

  /** The message ids received since `since`, oldest first, as [projectId, id, seq]. */
  recentIds(since: number, limit: number): Promise<[string, string, number][]> {
    return this.#request((id) => ({ kind: 'recent-ids', id, since, limit })) as Promise<[string, string, number][]>;
  }

  /**
   * Runs analysis SQL in the store; aborting the signal interrupts it (the promise then
   * rejects with WM_QUERY_CANCELLED).
   */
  query(sql: string, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    if (signal?.aborted) return Promise.reject(cancelled());
    let queryId = 0;
    const answer = this.#request((id) => {
      queryId = id;
      return { kind: 'query', id, sql };
    }) as Promise<Record<string, unknown>[]>;
    if (!signal) return answer;
    const onAbort = () => this.#post({ kind: 'cancel', queryId });
    signal.addEventListener('abort', onAbort, { once: true });
    return answer.then(
      (rows) => {
        signal.removeEventListener('abort', onAbort);
        return rows;
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        throw signal.aborted ? cancelled() : error;
      },
    );
  }

  /** Hands durable `<seq>\t<record>\n` lines to the store. */
  shipLog(text: string, upTo: number): void {
    this.#post({ kind: 'log', text, upTo });
  }

  setFrictionSettings(projectId: string, settings: FrictionSettings): void {
    this.#post({ kind: 'friction-settings', projectId, settings });
  }

  /** Asks the store to commit what it has now; rejects if it cannot. */
  flush(): Promise<void> {
    return this.#request((id) => ({ kind: 'flush', id })) as Promise<void>;
  }

  foldMerges(): Promise<number> {
    return this.#request((id) => ({ kind: 'fold', id })) as Promise<number>;
  }

  /** Resolves once every record up to `seq` is readable. */
  waitVisible(seq: number): Promise<void> {
    if (seq <= this.#visibleSeq) return Promise.resolve();
    if (this.#crashed) return Promise.reject(unavailable());
    const visible = new Promise<void>((resolve, reject) => this.#visibleWaiters.push({ seq, resolve, reject }));
    void this.flush().catch(() => undefined);
    return visible;
  }

  async close(): Promise<void> {
    if (this.#crashed) return;
    await this.#request((id) => ({ kind: 'close', id }));
    this.#crashed = new Error('closed');
    await this.#worker.terminate();
  }

  #call(method: StoreMethod, args: unknown[]): Promise<unknown> {
    return this.#request((id) => ({ kind: 'call', id, method, args: args as never }));
  }

  #request(make: (id: number) => ToWorker): Promise<unknown> {
    if (this.#crashed) return Promise.reject(unavailable());
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#calls.set(id, { resolve, reject });
      this.#post(make(id));
    });
  }

  #post(message: ToWorker): void {
    if (!this.#crashed) this.#worker.postMessage(message);
  }

  #receive(message: FromWorker): void {
    switch (message.kind) {
      case 'result':
      case 'error': {
        const call = this.#calls.get(message.id);
        this.#calls.delete(message.id);
        if (message.kind === 'result') call?.resolve(message.value);
        else call?.reject(message.code ? new WaymarkError(message.code as ErrorCode, message.path ?? null, message.message) : unavailable(message.message));
        return;
      }
      case 'visible': {
        this.#visibleSeq = message.seq;
        const waiting = this.#visibleWaiters;
        this.#visibleWaiters = [];
        for (const w of waiting) {
          if (w.seq <= message.seq) w.resolve();
          else this.#visibleWaiters.push(w);
        }
        this.#onVisible(message.seq);
        return;
      }
      case 'flush-failed': {
        const waiting = this.#visibleWaiters;
        this.#visibleWaiters = [];
        for (const w of waiting) w.reject(unavailable(message.message));
        return;
      }
      case 'warning':
        this.#onWarning(message.message);
        return;
      case 'ready':
        return;
    }
  }

  #crash(error: Error): void {
    if (this.#crashed) return;
    this.#crashed = error;
    for (const call of this.#calls.values()) call.reject(unavailable(error.message));
    this.#calls.clear();
    for (const w of this.#visibleWaiters) w.reject(unavailable(error.message));
    this.#visibleWaiters = [];
  }
}

export const cancelled = () => new WaymarkError('WM_QUERY_CANCELLED', null, 'the query was cancelled');
export const unavailable = (detail?: string) => new WaymarkError('WM_UNAVAILABLE', null, detail ? `the event store cannot answer: ${detail}` : undefined);
