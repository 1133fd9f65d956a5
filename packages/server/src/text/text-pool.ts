import { availableParallelism } from 'node:os';
import type { CustomerText, Sentiment, ThemesResult } from '@waymark/core';
import { Piscina } from 'piscina';
import type { PoolThemeOptions, TextTask } from './text-task.ts';

/**
 * Sentiment and themes, computed in a worker thread: scoring 10,000 texts takes about 2 s of
 * CPU, which on the request thread would stall capture and every other request meanwhile.
 * The thread starts on the first task and stops after a minute idle.
 */
export class TextPool {
  readonly #pool = new Piscina<TextTask, Sentiment[] | ThemesResult>({
    filename: new URL('./text-worker-entry.mjs', import.meta.url).href,
    // None until the first task; the event store has a thread of its own, so leave the
    // request thread a core too.
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism() - 1),
    idleTimeout: 60_000,
  });

  sentiment(texts: readonly string[]): Promise<Sentiment[]> {
    return this.#pool.run({ kind: 'sentiment', texts }) as Promise<Sentiment[]>;
  }

  themes(texts: readonly CustomerText[], options: PoolThemeOptions): Promise<ThemesResult> {
    return this.#pool.run({ kind: 'themes', texts, options }) as Promise<ThemesResult>;
  }

  /** Lets running tasks finish, then stops the thread. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}
