import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openRuntime } from '../runtime.ts';
import { EVENT_STORES, tempDataDir } from '../testing/test-server.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe.each(EVENT_STORES)('the recent message ids, read on demand, on the $name store', ({ env }) => {
  it('are not read by a runtime that only reads, and drop a retry at its first capture as when read at start', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const config = loadConfig({ WAYMARK_DATA_DIR: dataDir, WAYMARK_LOG_LEVEL: 'silent', WAYMARK_DEMO: 'false', ...env }, process.cwd());
    const open = (recentIdsOnDemand: boolean) => openRuntime(config, createLogger('silent'), { recentIdsOnDemand });
    const ingest = async (runtime: Awaited<ReturnType<typeof open>>, ids: string[]) => {
      const { credentials } = await runtime.projects.bootstrap();
      const messages = ids.map((messageId) => ({ type: 'track' as const, messageId, userId: 'u1', event: 'Paid' }));
      return runtime.pipeline.ingest({ projectId: credentials.projectId, keyChannel: null, receivedAt: Date.now(), messages, pathRoot: null });
    };

    const first = await open(false);
    try {
      expect(await ingest(first, ['m1', 'm2'])).toEqual({ accepted: 2, duplicates: 0, skipped: 0 });
    } finally {
      await first.close();
    }

    const reader = await open(true);
    const read = vi.spyOn(reader.events, 'recentIds');
    try {
      expect(await reader.events.countEvents((await reader.projects.bootstrap()).credentials.projectId)).toBe(2);
      expect(read).not.toHaveBeenCalled();
      // Its first capture reads them, once: the retries are duplicates, the new message is stored.
      expect(await ingest(reader, ['m2', 'm3'])).toEqual({ accepted: 1, duplicates: 1, skipped: 0 });
      expect(await ingest(reader, ['m1', 'm3'])).toEqual({ accepted: 0, duplicates: 2, skipped: 0 });
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      await reader.close();
    }
  });
});
