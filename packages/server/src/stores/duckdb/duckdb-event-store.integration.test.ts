import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchWriter, incoming } from '../../testing/incoming-event.ts';
import { DuckDbEventStore } from './duckdb-event-store.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'waymark-duckdb-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the DuckDB event store', () => {
  it('streams every recent id and id link on start, even while other reads and a fold run', async () => {
    const store = await DuckDbEventStore.open(path.join(dir, 'events.duckdb'), { memoryLimit: '1GB' });
    try {
      const write = batchWriter(store);
      await write(Array.from({ length: 10_000 }, (_, i) => incoming(i, { anonymousId: `a${i % 3000}` })));
      const others: Promise<unknown>[] = [];
      const ids: number[] = [];
      // Results come in chunks of 2,048 rows: reads started between two chunks must not end the stream.
      await store.loadRecentIds(0, 1_000_000, (_p, _id, seq) => {
        ids.push(seq);
        if (seq % 2048 === 0) others.push(store.listEvents({ projectId: 'p1' }, 5, null), store.countEvents('p1'), store.foldMerges());
      });
      let links = 0;
      await store.loadIdentities(() => {
        if (links++ % 1000 === 0) others.push(store.findPerson('p1', 'a1'));
      });
      await Promise.all(others);
      expect(ids).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
      expect(links).toBe(3000);
    } finally {
      await store.close();
    }
  });
});
