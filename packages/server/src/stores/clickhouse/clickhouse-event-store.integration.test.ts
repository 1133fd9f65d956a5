import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openClickHouse } from './clickhouse-client.ts';
import { ClickHouseEventStore } from './clickhouse-event-store.ts';
import { batchWriter, incoming, T0 } from '../../testing/incoming-event.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'waymark-ch-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the ClickHouse event store (on chdb)', () => {
  it('drops the events of a batch cut short before its checkpoint, and keeps persons merged across batches', async () => {
    const client = await openClickHouse({ kind: 'chdb', path: dir });
    const store = await ClickHouseEventStore.open(client);
    const write = batchWriter(store);
    await write([incoming(1, { anonymousId: 'a1' }), incoming(2, { userId: 'u1' }, 'identify', { plan: 'pro', nested: { a: 1 } })]);
    // The anonymous device then identifies as u1: the two persons merge in the store.
    await write([incoming(3, { anonymousId: 'a1', userId: 'u1' }, 'identify', { nested: { b: 2 } })]);
    expect(await store.checkpoint()).toBe(3);

    // A batch whose events landed but whose checkpoint did not: what a crash between the two leaves.
    await client.insert({
      table: 'events',
      values: [{ seq: 4, project_id: 'p1', id: 'm4', type: 'track', event: 'view', person_id: 'x', channel: 'web', timestamp: '2026-01-05 10:00:00.000', received_at: '2026-01-05 10:00:00.000', properties: '{}', context: '{}' }],
      format: 'JSONEachRow',
    });
    expect(await store.countEvents('p1')).toBe(4);
    await store.close();

    const reopened = await ClickHouseEventStore.open(await openClickHouse({ kind: 'chdb', path: dir }));
    try {
      expect(await reopened.countEvents('p1')).toBe(3);
      const person = await reopened.findPerson('p1', 'a1');
      expect(person).toMatchObject({ ids: { anonymousIds: ['a1'], userIds: ['u1'] }, traits: { plan: 'pro', nested: { a: 1, b: 2 } }, eventCount: 3 });
      expect(await reopened.findPerson('p1', 'u1')).toEqual(person);
      const events = await reopened.listEvents({ projectId: 'p1' }, 10, null);
      expect(events.map((e) => [e.id, e.personId])).toEqual([
        ['m3', person!.personId],
        ['m2', person!.personId],
        ['m1', person!.personId],
      ]);
      const links: string[] = [];
      await reopened.loadIdentities((_p, key, personId) => links.push(`${key}->${personId === person!.personId ? 'person' : personId}`));
      expect(links.sort()).toEqual(['a:a1->person', 'u:u1->person']);
      const recent: string[] = [];
      await reopened.loadRecentIds(T0, 10, (_p, id) => recent.push(id));
      expect(recent).toEqual(['m1', 'm2', 'm3']);
    } finally {
      await reopened.close();
    }
  });
});

describe('a ClickHouse server that cannot be reached', () => {
  it('stops the start with an error naming WAYMARK_EVENT_STORE and the address', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve)); // a port nothing listens on
    const target = { kind: 'clickhouse', url: `http://127.0.0.1:${port}`, username: 'default', password: '', database: 'waymark' } as const;
    await expect(openClickHouse(target)).rejects.toMatchObject({
      code: 'WM_CONFIG_INVALID',
      path: 'WAYMARK_EVENT_STORE',
      message: expect.stringContaining(`http://127.0.0.1:${port}`),
    });
  });
});
