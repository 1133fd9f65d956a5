import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { DUCKDB_DIALECT } from '@waymark/core';
import type { Logger } from 'pino';
import type { QueryEngine } from './analytics/engines/sql-engine.ts';
import { AnalysisRunner } from './analytics/run-analysis.ts';
import { IngestPipeline } from './ingest/ingest-pipeline.ts';
import { ProjectService } from './projects/project-service.ts';
import { StateStore } from './stores/state/state-store.ts';
import { StoreWorkerClient } from './stores/worker/store-worker-client.ts';
import type { Config } from './config.ts';
import { dataPaths } from './paths.ts';
import { VERSION } from './version.ts';

/** Everything a running Waymark holds open: stores, capture pipeline, services. */
export interface Runtime {
  readonly config: Config;
  readonly version: string;
  readonly state: StateStore;
  /** Reads and analysis queries, answered by the store worker. */
  readonly events: StoreWorkerClient;
  readonly projects: ProjectService;
  readonly pipeline: IngestPipeline;
  /** Where analysis SQL runs: the DuckDB store, in its worker. */
  readonly engine: QueryEngine;
  readonly analytics: AnalysisRunner;
  /** The store's data version: the log position of the newest event it holds. */
  dataVersion(): number;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** Devices whose events arrived this recently may still be in a session when the server restarts. */
const OPEN_SESSION_LOOKBACK_MS = 2 * 3_600_000;

/** Opens the stores under the data directory and starts the capture pipeline (replaying its log). */
export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  mkdirSync(config.dataDir, { recursive: true });
  const paths = dataPaths(config.dataDir);
  const state = await StateStore.openSqlite(paths.state);
  // The store reports how far it has caught up; the pipeline, started next, deletes old log segments then.
  let pipeline: IngestPipeline | null = null;
  const events = await StoreWorkerClient.start(
    { file: paths.events, memoryLimit: config.duckdbMemoryLimit, flushIntervalMs: config.flushIntervalMs, openSessionLookbackMs: OPEN_SESSION_LOOKBACK_MS },
    (seq) => pipeline?.storeCaughtUp(seq),
  );
  const capture = await IngestPipeline.start({ store: events, walDir: paths.wal, dedupWindowMs: config.dedupWindowMs, logger, newId: randomUUID });
  pipeline = capture;
  const projects = new ProjectService(state, paths.credentials);
  const engine: QueryEngine = { dialect: DUCKDB_DIALECT, query: (sql, signal) => events.query(sql, signal) };
  const analytics = new AnalysisRunner(engine);
  return {
    config,
    version: VERSION,
    state,
    events,
    projects,
    pipeline: capture,
    engine,
    analytics,
    dataVersion: () => events.checkpoint,
    logger,
    async close() {
      await capture.close();
      await events.close();
      await state.close();
    },
  };
}
