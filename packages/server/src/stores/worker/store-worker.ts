// The event store's own thread: DuckDB, the identity graph and open sessions live here, so
// writing to the store never takes time from acknowledging requests on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { isWaymarkError } from '@waymark/core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { plainRow } from '../duckdb/plain-row.ts';
import { DuckDbEventStore } from '../duckdb/duckdb-event-store.ts';
import { StoreDriver } from '../store-driver.ts';
import type { FromWorker, StoreWorkerOptions, ToWorker } from './protocol.ts';

const options = workerData as StoreWorkerOptions;
const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);

const store = await DuckDbEventStore.open(options.file, { memoryLimit: options.memoryLimit });
const driver = StoreDriver.start(store, options, {
  visible: (seq) => send({ kind: 'visible', seq }),
  flushFailed: (message) => send({ kind: 'flush-failed', message }),
  warning: (message) => send({ kind: 'warning', message }),
});

const running = new Map<number, DuckDBConnection>();

async function runQuery(id: number, sql: string): Promise<void> {
  const connection = await store.connect();
  running.set(id, connection);
  try {
    const reader = await connection.runAndReadAll(sql);
    send({ kind: 'result', id, value: reader.getRowObjectsJS().map(plainRow) });
  } catch (error) {
    fail(id, error);
  } finally {
    running.delete(id);
    connection.closeSync();
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'query':
      void runQuery(message.id, message.sql);
      return;
    case 'cancel':
      running.get(message.queryId)?.interrupt();
      return;
    case 'log':
      driver.add(message.text);
      return;
    case 'friction-settings':
      driver.setFrictionSettings(message.projectId, message.settings);
      return;
    case 'flush':
      void driver.flush().then((ok) => (ok ? send({ kind: 'result', id: message.id, value: null }) : fail(message.id, new Error('the event store cannot take writes right now'))));
      return;
    case 'fold':
      driver.foldMerges().then(
        (value) => send({ kind: 'result', id: message.id, value }),
        (error: unknown) => fail(message.id, error),
      );
      return;
    case 'recent-ids': {
      const ids: [string, string, number][] = [];
      store.loadRecentIds(message.since, message.limit, (p, id, seq) => ids.push([p, id, seq])).then(
        () => send({ kind: 'result', id: message.id, value: ids }),
        (error: unknown) => fail(message.id, error),
      );
      return;
    }
    case 'call':
      (store[message.method] as (...args: unknown[]) => Promise<unknown>)(...message.args).then(
        (value) => send({ kind: 'result', id: message.id, value }),
        (error: unknown) => fail(message.id, error),
      );
      return;
    case 'close':
      void driver
        .stop()
        .then(() => store.close())
        .then(
          () => send({ kind: 'result', id: message.id, value: null }),
          (error: unknown) => fail(message.id, error),
        );
      return;
  }
});

function fail(id: number, error: unknown): void {
  if (isWaymarkError(error)) send({ kind: 'error', id, message: error.message, code: error.code, path: error.path });
  else send({ kind: 'error', id, message: error instanceof Error ? error.message : String(error) });
}

send({ kind: 'ready', checkpoint: await store.checkpoint() });
