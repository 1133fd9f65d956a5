import type { CompiledAnalysis } from '@waymark/core';
import type { QueryEngine } from './sql-engine.ts';

/** Runs a compiled analysis's queries in order on an engine and shapes the result. */
export async function runCompiled<R>(engine: QueryEngine, compiled: CompiledAnalysis<R>, signal?: AbortSignal): Promise<R> {
  const rows: Record<string, unknown>[][] = [];
  for (const sql of compiled.queries) rows.push(await engine.query(sql, signal));
  return compiled.shape(rows);
}
