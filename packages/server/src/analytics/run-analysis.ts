import { timeZoneName, WaymarkError } from '@waymark/core';
import { ANALYSES, parseSpec } from './analysis-registry.ts';
import { restrictCompiled } from './cohort-filter.ts';
import type { QueryEngine } from './engines/sql-engine.ts';

export interface AnalysisAnswer {
  readonly kind: string;
  readonly result: unknown;
  readonly meta: {
    readonly ms: number;
    readonly cached: boolean;
    readonly dataVersion: number;
    readonly queries: number;
    readonly queriesCached: number;
    /** The time zone the result's periods are in: the spec's, else the project's. */
    readonly timeZone: string;
  };
}

type Rows = Record<string, unknown>[];

/**
 * Runs analyses: validates the spec, compiles it for the engine's dialect, runs its queries
 * and shapes the result. The rows of each query are cached per project, SQL and data version
 * (the store's log position), so a repeated question costs nothing until new events arrive,
 * and the persons behind a number (the same analysis with `personsAt`, whose counts query is
 * the analysis's own) run only their persons query. Running queries can be cancelled by id.
 */
export class AnalysisRunner {
  readonly #engine: QueryEngine;
  readonly #cache = new Map<string, Rows>();
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
    const compiled = restrictCompiled(ANALYSES[kind]!.compile(this.#engine.dialect, spec as never, context.projectId, context.timeZone), context.restrict);
    const { queries } = compiled;
    const keys = queries.map((sql) => JSON.stringify([context.projectId, context.dataVersion, sql]));
    const hits = keys.map((key) => this.#cached(key));
    const controller = new AbortController();
    context.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    if (context.queryId) {
      if (this.#running.has(context.queryId)) throw new WaymarkError('WM_REQUEST_INVALID', 'queryId', `a query "${context.queryId}" is already running`);
      this.#running.set(context.queryId, controller);
    }
    try {
      const rows: Rows[] = [];
      for (const [i, sql] of queries.entries()) {
        const cached = hits[i];
        if (cached) rows.push(cached);
        else rows.push(this.#remember(keys[i]!, await this.#engine.query(sql, controller.signal)));
      }
      const queriesCached = hits.filter(Boolean).length;
      // As the SQL read it: the spec's (validated, so known) in its IANA spelling, else the project's.
      const timeZone = timeZoneName((spec as { timeZone?: string }).timeZone ?? context.timeZone) ?? context.timeZone;
      const meta = { ms: performance.now() - started, cached: queriesCached === queries.length, dataVersion: context.dataVersion, queries: queries.length, queriesCached, timeZone };
      return { kind, result: compiled.shape(rows), meta };
    } finally {
      if (context.queryId) this.#running.delete(context.queryId);
    }
  }

  #cached(key: string): Rows | undefined {
    const rows = this.#cache.get(key);
    if (rows) {
      // Least recently used goes first: a hit moves to the end.
      this.#cache.delete(key);
      this.#cache.set(key, rows);
    }
    return rows;
  }

  #remember(key: string, rows: Rows): Rows {
    this.#cache.set(key, rows);
    if (this.#cache.size > this.#maxCached) this.#cache.delete(this.#cache.keys().next().value!);
    return rows;
  }

  /** Cancels a running query; false if none has that id. */
  cancel(queryId: string): boolean {
    const controller = this.#running.get(queryId);
    controller?.abort();
    return controller !== undefined;
  }
}
