import { WaymarkError } from '@waymark/core';
import { ANALYSES, parseSpec } from './analysis-registry.ts';
import { restrictTo } from './cohort-filter.ts';
import { runCompiled } from './engines/run-compiled.ts';
import type { QueryEngine } from './engines/sql-engine.ts';

export interface AnalysisAnswer {
  readonly kind: string;
  readonly result: unknown;
  readonly meta: { readonly ms: number; readonly cached: boolean; readonly dataVersion: number; readonly queries: number };
}

/**
 * Runs analyses: validates the spec, compiles it for the engine's dialect, runs its queries
 * and shapes the result. Answers are cached per project, spec and data version (the store's
 * log position), so a repeated question costs nothing until new events arrive. Running
 * queries can be cancelled by id.
 */
export class AnalysisRunner {
  readonly #engine: QueryEngine;
  readonly #cache = new Map<string, { kind: string; result: unknown; queries: number }>();
  readonly #running = new Map<string, AbortController>();
  readonly #maxCached: number;

  constructor(engine: QueryEngine, maxCached = 200) {
    this.#engine = engine;
    this.#maxCached = maxCached;
  }

  async run(
    input: unknown,
    context: { projectId: string; timeZone: string; dataVersion: number; queryId?: string; signal?: AbortSignal; restrict?: string },
  ): Promise<AnalysisAnswer> {
    const started = performance.now();
    const { kind, spec } = parseSpec(input);
    const key = JSON.stringify([context.projectId, context.timeZone, context.dataVersion, context.restrict ?? null, spec]);
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return { kind, result: hit.result, meta: { ms: performance.now() - started, cached: true, dataVersion: context.dataVersion, queries: hit.queries } };
    }
    const compiled = ANALYSES[kind]!.compile(this.#engine.dialect, spec as never, context.projectId, context.timeZone);
    const queries = context.restrict ? compiled.queries.map((sql) => restrictTo(sql, context.restrict!)) : compiled.queries;
    const controller = new AbortController();
    context.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    if (context.queryId) {
      if (this.#running.has(context.queryId)) throw new WaymarkError('WM_REQUEST_INVALID', 'queryId', `a query "${context.queryId}" is already running`);
      this.#running.set(context.queryId, controller);
    }
    try {
      const result = await runCompiled(this.#engine, { queries, shape: (rows) => compiled.shape(rows) }, controller.signal);
      this.#cache.set(key, { kind, result, queries: compiled.queries.length });
      if (this.#cache.size > this.#maxCached) this.#cache.delete(this.#cache.keys().next().value!);
      return { kind, result, meta: { ms: performance.now() - started, cached: false, dataVersion: context.dataVersion, queries: compiled.queries.length } };
    } finally {
      if (context.queryId) this.#running.delete(context.queryId);
    }
  }

  /** Cancels a running query; false if none has that id. */
  cancel(queryId: string): boolean {
    const controller = this.#running.get(queryId);
    controller?.abort();
    return controller !== undefined;
  }
}
