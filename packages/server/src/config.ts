import path from 'node:path';
import { readWholeNumber, WaymarkError } from '@waymark/core';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How often acknowledged events are moved from the write-ahead log into the event store. */
  readonly flushIntervalMs: number;
  /** How often merged persons' stored events are rewritten to the person they now are; 0: never. */
  readonly foldMergesEveryMs: number;
  /** How long a messageId is remembered for deduplication (Segment's window is 24 hours). */
  readonly dedupWindowMs: number;
  /** DuckDB's memory_limit in embedded mode, e.g. '2GB'. */
  readonly duckdbMemoryLimit: string;
  /** Load the demo project on first start. */
  readonly demo: boolean;
  /** Where events live: the embedded DuckDB file, or ClickHouse. */
  readonly eventStore: EventStoreTarget;
  /** Where people reach this server (links in alerts and survey emails); null: links are paths only. */
  readonly publicUrl: string | null;
  /** The SMTP server alert emails go through (`smtp://user:pass@host:587`), or null: email alerts are not sent. */
  readonly smtpUrl: string | null;
  /** The sender of alert emails. */
  readonly mailFrom: string;
}

export type ClickHouseTarget =
  | { readonly kind: 'clickhouse'; readonly url: string; readonly username: string; readonly password: string; readonly database: string }
  /** ClickHouse's engine in process (chdb), its files in a folder. */
  | { readonly kind: 'chdb'; readonly path: string };
export type EventStoreTarget = { readonly kind: 'duckdb' } | ClickHouseTarget;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads the configuration from the environment once, at start. Nothing else in the server
 * reads `process.env`; every variable is documented in docs/configuration.md.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): Config {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = readWholeNumber(raw, min, max);
    if (value === null) throw new WaymarkError('WM_CONFIG_INVALID', name, `${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return value;
  };
  const logLevel = env['WAYMARK_LOG_LEVEL'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new WaymarkError('WM_CONFIG_INVALID', 'WAYMARK_LOG_LEVEL', `WAYMARK_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const stateStore = env['WAYMARK_STATE_STORE'];
  if (stateStore !== undefined && stateStore !== '' && !stateStore.startsWith('sqlite:')) {
    throw new WaymarkError('WM_CONFIG_INVALID', 'WAYMARK_STATE_STORE', 'only the embedded SQLite store ("sqlite:") is available in this version');
  }
  const memory = env['WAYMARK_DUCKDB_MEMORY_LIMIT'] ?? '2GB';
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memory)) {
    throw new WaymarkError('WM_CONFIG_INVALID', 'WAYMARK_DUCKDB_MEMORY_LIMIT', 'WAYMARK_DUCKDB_MEMORY_LIMIT must look like "2GB"');
  }
  const dataDir = path.resolve(cwd, env['WAYMARK_DATA_DIR'] || '.waymark');
  return Object.freeze({
    port: int('PORT', 8080, 0, 65535),
    host: env['HOST'] || 'localhost',
    dataDir,
    logLevel: logLevel as Config['logLevel'],
    flushIntervalMs: int('WAYMARK_FLUSH_INTERVAL_MS', 200, 10, 60_000),
    foldMergesEveryMs: int('WAYMARK_FOLD_MERGES_MINUTES', 10, 0, 7 * 24 * 60) * 60_000,
    dedupWindowMs: int('WAYMARK_DEDUP_WINDOW_HOURS', 24, 1, 24 * 365) * 3_600_000,
    duckdbMemoryLimit: memory,
    demo: (env['WAYMARK_DEMO'] ?? 'true') !== 'false',
    eventStore: eventStoreTarget(env['WAYMARK_EVENT_STORE'] ?? '', dataDir),
    publicUrl: urlOrNull(env, 'WAYMARK_PUBLIC_URL', /^https?:$/),
    smtpUrl: urlOrNull(env, 'WAYMARK_SMTP_URL', /^smtps?:$/),
    mailFrom: env['WAYMARK_MAIL_FROM'] || 'Waymark <waymark@localhost>',
  });
}

/**
 * `duckdb:` (the default), `clickhouse://user:password@host:8123/database` (`clickhouses://`
 * for HTTPS), or `chdb:` with an optional folder (default `<data dir>/chdb`).
 */
function eventStoreTarget(value: string, dataDir: string): EventStoreTarget {
  const invalid = (why: string) => new WaymarkError('WM_CONFIG_INVALID', 'WAYMARK_EVENT_STORE', `WAYMARK_EVENT_STORE ${why}`);
  if (value === '' || value === 'duckdb:') return { kind: 'duckdb' };
  if (value.startsWith('chdb:')) return { kind: 'chdb', path: path.resolve(dataDir, value.slice('chdb:'.length) || 'chdb') };
  if (!/^clickhouses?:\/\//.test(value)) throw invalid(`must be "duckdb:", "chdb:" or a clickhouse:// URL, got "${value}"`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('is not a valid URL');
  }
  if (!url.hostname) throw invalid('has no host');
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'waymark';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw invalid(`names the database "${database}": use letters, digits and _`);
  const https = url.protocol === 'clickhouses:';
  return {
    kind: 'clickhouse',
    url: `${https ? 'https' : 'http'}://${url.hostname}:${url.port || (https ? '8443' : '8123')}`,
    username: decodeURIComponent(url.username) || 'default',
    password: decodeURIComponent(url.password),
    database,
  };
}

/** An optional URL variable: absent or empty is null; otherwise it must parse and use an allowed scheme. */
function urlOrNull(env: Readonly<Record<string, string | undefined>>, name: string, scheme: RegExp): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WaymarkError('WM_CONFIG_INVALID', name, `${name} must be a URL`);
  }
  if (!scheme.test(url.protocol)) throw new WaymarkError('WM_CONFIG_INVALID', name, `${name} must use ${scheme.source.replace(/[\^$?:]/g, '')}`);
  return raw.replace(/\/+$/, '');
}
