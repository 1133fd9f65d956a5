import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Session } from 'chdb';
import { CLICKHOUSE_DIALECT } from '@waymark/core';
import type { SqlEngine } from './sql-engine.ts';

/**
 * ClickHouse's engine in-process (chdb): the ClickHouse dialect without a server. One data
 * directory per process, so each engine takes a fresh one and deletes it on close.
 */
export class ChdbEngine implements SqlEngine {
  readonly dialect = CLICKHOUSE_DIALECT;
  readonly #session: Session;
  readonly #dir: string;

  constructor() {
    this.#dir = mkdtempSync(path.join(tmpdir(), 'waymark-chdb-'));
    this.#session = new Session(this.#dir);
  }

  /** Runs a statement that returns nothing (DDL, INSERT). */
  exec(sql: string): void {
    this.#session.query(sql, 'CSV');
  }

  async query<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
    const text = this.#session.query(sql, 'JSONEachRow');
    if (!text) return [];
    return text
      .trim()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as T);
  }

  async close(): Promise<void> {
    this.#session.cleanup();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
