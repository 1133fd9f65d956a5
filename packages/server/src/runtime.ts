import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { IngestPipeline } from './ingest/ingest-pipeline.ts';
import { ProjectService } from './projects/project-service.ts';
import type { EventReader } from './stores/event-store.ts';
import { StateStore } from './stores/state/state-store.ts';
import { StoreWorkerClient } from './stores/worker/store-worker-client.ts';

/** Everything a running Waymark holds open: stores, capture pipeline, services. */
export interface Runtime {
  readonly config: Config;
  readonly version: string;
  readonly state: StateStore;
  readonly events: EventReader;
  readonly projects: ProjectService;
  readonly pipeline: IngestPipeline;
  readonly logger: Logger;
  close(): Promise<void>;
}

export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const dataPaths = (dataDir: string) => ({
  events: path.join(dataDir, 'events.duckdb'),
  state: path.join(dataDir, 'state.sqlite'),
  wal: path.join(dataDir, 'wal'),
  credentials: path.join(dataDir, 'credentials.json'),
  server: path.join(dataDir, 'server.json'),
});

/** Devices whose events arrived this recently may still be in a session when the server restarts. */
const OPEN_SESSION_LOOKBACK_MS = 2 * 3_600_000;

/** Opens the stores under the data directory and starts the capture pipeline (replaying its log). */
export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  mkdirSync(config.dataDir, { recursive: true });
  const paths = dataPaths(config.dataDir);
  const state = await StateStore.openSqlite(paths.state);
  let pipeline: IngestPipeline | null = null;
  const events = await StoreWorkerClient.start(
    { file: paths.events, memoryLimit: config.duckdbMemoryLimit, flushIntervalMs: config.flushIntervalMs, openSessionLookbackMs: OPEN_SESSION_LOOKBACK_MS },
    (seq) => pipeline?.storeCaughtUp(seq),
  );
  pipeline = await IngestPipeline.start({ store: events, walDir: paths.wal, dedupWindowMs: config.dedupWindowMs, logger, newId: randomUUID });
  const projects = new ProjectService(state, paths.credentials);
  return {
    config,
    version: VERSION,
    state,
    events,
    projects,
    pipeline,
    logger,
    async close() {
      await pipeline!.close();
      await events.close();
      await state.close();
    },
  };
}
