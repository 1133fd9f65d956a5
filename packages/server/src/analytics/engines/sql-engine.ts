import type { SqlDialect } from '@waymark/core';

/** Where analysis SQL runs: the embedded DuckDB (in the store worker), or ClickHouse. */
export interface QueryEngine {
  readonly dialect: SqlDialect;
  /** Runs one query; numbers come back as JS numbers, whatever their SQL width. Aborting interrupts it. */
  query(sql: string, signal?: AbortSignal): Promise<Record<string, unknown>[]>;
}

/** An engine the caller owns and closes (tests, benchmarks). */
export interface SqlEngine extends QueryEngine {
  query<T extends Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}
