import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { CLICKHOUSE_DIALECT, DUCKDB_DIALECT } from '@waymark/core';
import type { Logger } from 'pino';
import type { QueryEngine } from './analytics/engines/sql-engine.ts';
import { AnalysisRunner } from './analytics/run-analysis.ts';
import { moveInlineLists } from './analytics/saved-cohorts.ts';
import { IngestPipeline } from './ingest/ingest-pipeline.ts';
import { MemberService } from './members/member-service.ts';
import { ProjectService } from './projects/project-service.ts';
import { StateStore } from './stores/state/state-store.ts';
import { ClickHouseEventStore } from './stores/clickhouse/clickhouse-event-store.ts';
import { openClickHouse } from './stores/clickhouse/clickhouse-client.ts';
import { LocalStoreClient } from './stores/local-store-client.ts';
import type { StoreHandle } from './stores/store-handle.ts';
import { StoreWorkerClient } from './stores/worker/store-worker-client.ts';
import { FrictionSettingsStore } from './stores/state/friction-settings-store.ts';
import { TextPool } from './text/text-pool.ts';
import type { Config } from './config.ts';
import { dataPaths } from './paths.ts';
import { VERSION } from './version.ts';

/** Everything a running Waymark holds open: stores, capture pipeline, services. */
export interface Runtime {
  readonly config: Config;
  readonly version: string;
  readonly state: StateStore;
  /** Reads and analysis queries, answered by the event store. */
  readonly events: StoreHandle;
  readonly projects: ProjectService;
  /** Member accounts and their sessions. */
  readonly members: MemberService;
  readonly pipeline: IngestPipeline;
  /** Where analysis SQL runs: the DuckDB store in its worker, or ClickHouse. */
  readonly engine: QueryEngine;
  readonly analytics: AnalysisRunner;
  /** Sentiment and themes, off the request thread. */
  readonly text: TextPool;
  /** The store's data version: the log position of the newest event it holds. */
  dataVersion(): number;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** Devices whose events arrived this recently may still be in a session when the server restarts. */
const OPEN_SESSION_LOOKBACK_MS = 2 * 3_600_000;

/**
 * Opens the stores under the data directory and starts the capture pipeline (replaying its log).
 * `recentIdsOnDemand`: see PipelineOptions (the CLI sets it).
 */
export async function openRuntime(config: Config, logger: Logger, options: { recentIdsOnDemand?: boolean } = {}): Promise<Runtime> {
  mkdirSync(config.dataDir, { recursive: true });
  const paths = dataPaths(config.dataDir);
  const state = await StateStore.openSqlite(paths.state);
  // The store reports how far it has caught up; the pipeline, started next, deletes old log segments then.
  let pipeline: IngestPipeline | null = null;
  const onVisible = (seq: number) => pipeline?.storeCaughtUp(seq);
  // Friction thresholds are read once here; changes reach the store through setFrictionSettings.
  const friction = { enabled: true, settings: await new FrictionSettingsStore(state.db).all() };
  const driving = { flushIntervalMs: config.flushIntervalMs, openSessionLookbackMs: OPEN_SESSION_LOOKBACK_MS, friction, foldMergesEveryMs: config.foldMergesEveryMs };
  const onWarning = (message: string) => logger.warn(message);
  const target = config.eventStore;
  const events: StoreHandle =
    target.kind === 'duckdb'
      ? await StoreWorkerClient.start({ file: paths.events, memoryLimit: config.duckdbMemoryLimit, ...driving }, onVisible, onWarning)
      : await LocalStoreClient.start(await ClickHouseEventStore.open(await openClickHouse(target)), driving, onVisible, onWarning);
  await moveInlineLists({ state, events, logger });
  const capture = await IngestPipeline.start({ store: events, walDir: paths.wal, dedupWindowMs: config.dedupWindowMs, logger, newId: randomUUID, ...options });
  pipeline = capture;
  const projects = new ProjectService(state, paths.credentials);
  const engine: QueryEngine = { dialect: target.kind === 'duckdb' ? DUCKDB_DIALECT : CLICKHOUSE_DIALECT, query: (sql, signal) => events.query(sql, signal) };
  const analytics = new AnalysisRunner(engine);
  const text = new TextPool();
  return {
    config,
    version: VERSION,
    state,
    events,
    projects,
    members: new MemberService(state, paths.credentials),
    pipeline: capture,
    engine,
    analytics,
    text,
    dataVersion: () => events.checkpoint,
    logger,
    async close() {
      await capture.close();
      await text.close();
      await events.close();
      await state.close();
    },
  };
}
