import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_DIALECT } from '@waymark/core';
import { plainRow } from '../../stores/duckdb/plain-row.ts';
import type { SqlEngine } from './sql-engine.ts';

/** Analysis SQL on a DuckDB connection (the embedded event store's, or an in-memory one in tests). */
export class DuckDbEngine implements SqlEngine {
  readonly dialect = DUCKDB_DIALECT;
  readonly #connection: DuckDBConnection;
  readonly #instance: DuckDBInstance | null;

  constructor(connection: DuckDBConnection, owned: DuckDBInstance | null = null) {
    this.#connection = connection;
    this.#instance = owned;
  }

  /** An in-memory database of its own. */
  static async inMemory(): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(':memory:');
    return new DuckDbEngine(await instance.connect(), instance);
  }

  get connection(): DuckDBConnection {
    return this.#connection;
  }

  async query<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.#connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => plainRow(row) as T);
  }

  async close(): Promise<void> {
    if (this.#instance) {
      this.#connection.closeSync();
      this.#instance.closeSync();
    }
  }
}
