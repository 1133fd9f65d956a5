import { rmSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import type { Credentials, OwnerCredentials } from './projects/credentials-file.ts';
import { dataPaths } from './paths.ts';
import { openRuntime, type Runtime } from './runtime.ts';

export interface RunningServer {
  readonly url: string;
  readonly runtime: Runtime;
  readonly app: FastifyInstance;
  readonly credentials: Credentials;
  readonly createdProject: boolean;
  /** The first owner's email and one-time password, while they have not chosen their own. */
  readonly pendingOwner: OwnerCredentials | null;
  stop(): Promise<void>;
}

/**
 * Starts Waymark: opens the stores (replaying the capture log), creates the default project on
 * first start, and listens. `server.json` in the data directory tells the CLI a server owns
 * the stores, so its commands go through the API instead of opening them.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const runtime = await openRuntime(config, logger);
  const { credentials, created } = await runtime.projects.bootstrap();
  const owner = await runtime.members.bootstrap();
  const app = await buildApp(runtime);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  const serverFile = dataPaths(config.dataDir).server;
  writeFileSync(serverFile, JSON.stringify({ pid: process.pid, url, port }));
  let stopping: Promise<void> | null = null;
  return {
    url,
    runtime,
    app,
    credentials,
    createdProject: created,
    pendingOwner: owner,
    stop() {
      stopping ??= (async () => {
        await app.close();
        await runtime.close();
        rmSync(serverFile, { force: true });
      })();
      return stopping;
    },
  };
}
