import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';

export interface TestServer extends RunningServer {
  readonly dataDir: string;
  /** Basic auth header of the default write key. */
  readonly writeAuth: string;
  /** Bearer header of the default secret key. */
  readonly readAuth: string;
  /** The first owner as created on first start; the password is the one-time one (stale once a test changes it). */
  readonly owner: { readonly email: string; readonly password: string };
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

export const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
export const bearer = (key: string) => `Bearer ${key}`;

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'waymark-test-'));
}

/** Starts a real server on 127.0.0.1 and a free port, with its data in a fresh folder (or the one given). */
export async function startTestServer(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config: Config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', WAYMARK_DATA_DIR: dataDir, WAYMARK_LOG_LEVEL: 'silent', WAYMARK_DEMO: 'false', WAYMARK_FLUSH_INTERVAL_MS: '20', ...options.env },
    process.cwd(),
  );
  const server = await startServer(config);
  return Object.assign(Object.create(null) as object, server, {
    dataDir,
    writeAuth: basic(server.credentials.writeKey),
    readAuth: bearer(server.credentials.secretKey),
    owner: { email: server.pendingOwner?.email ?? 'owner@localhost', password: server.pendingOwner?.oneTimePassword ?? '' },
    stop: () => server.stop(),
    async destroy() {
      await server.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  }) as TestServer;
}

/** POSTs JSON and returns the status and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The event stores suites that go through the server run on: the embedded DuckDB, and ClickHouse's engine (chdb). */
export const EVENT_STORES = [
  { name: 'duckdb', env: {} },
  { name: 'clickhouse (chdb)', env: { WAYMARK_EVENT_STORE: 'chdb:' } },
] as const;
