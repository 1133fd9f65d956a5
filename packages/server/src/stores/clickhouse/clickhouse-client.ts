import { mkdirSync } from 'node:fs';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { WaymarkError } from '@waymark/core';
import type { ClickHouseTarget } from '../../config.ts';

/**
 * Settings every Waymark query runs with: 64-bit counts come back as JSON numbers (as the
 * DuckDB store returns them), and a query whose HTTP client goes away is stopped.
 */
const SETTINGS = { output_format_json_quote_64bit_integers: 0, cancel_http_readonly_queries_on_client_close: 1 } as const;

/** A client for the ClickHouse the configuration names: a server over HTTP, or chdb's engine in process. */
export async function openClickHouse(target: ClickHouseTarget): Promise<ClickHouseClient> {
  if (target.kind === 'chdb') {
    mkdirSync(target.path, { recursive: true });
    // Loaded only when asked for: chdb is ClickHouse's whole engine, half a gigabyte.
    const { createChdbConnection } = await import('chdb/connection');
    // chdb declares the connection against @clickhouse/client-common's types, which the client now bundles: same shape, other package.
    const connection = createChdbConnection({ path: target.path }) as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection'];
    return createClient({ connection, clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } });
  }
  const admin = createClient({ url: target.url, username: target.username, password: target.password, clickhouse_settings: SETTINGS });
  try {
    await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(target.database)}` });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WaymarkError('WM_CONFIG_INVALID', 'WAYMARK_EVENT_STORE', `cannot use ClickHouse at ${target.url} as ${target.username}: ${reason}`);
  } finally {
    await admin.close();
  }
  return createClient({ url: target.url, username: target.username, password: target.password, database: target.database, clickhouse_settings: SETTINGS });
}

const quoteIdentifier = (name: string) => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
