import type { SqlDialect } from '@waymark/core';

/** Somewhere analysis SQL runs: the embedded DuckDB, or ClickHouse (a server, or chdb in-process). */
export interface SqlEngine {
  readonly dialect: SqlDialect;
  /** Runs one query; numbers come back as JS numbers, whatever their SQL width. */
  query<T extends Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}
