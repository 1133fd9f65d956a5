import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClickHouseStandIn } from '../../testing/clickhouse-http-standin.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

describe('the ClickHouse store over HTTP (WAYMARK_EVENT_STORE=clickhouse://...)', () => {
  let clickhouse: Awaited<ReturnType<typeof startClickHouseStandIn>>;
  let server: TestServer;

  beforeAll(async () => {
    clickhouse = await startClickHouseStandIn();
    server = await startTestServer({ env: { WAYMARK_EVENT_STORE: `${clickhouse.url.replace('http:', 'clickhouse:')}/shop_events` } });
  });
  afterAll(async () => {
    await server?.destroy();
    await clickhouse?.close();
  });

  it('creates its database, stores events and persons, and answers reads and analyses from ClickHouse', async () => {
    const day = '2026-03-02';
    const batch = [
      { type: 'track', event: 'Product Viewed', anonymousId: 'a1', timestamp: `${day}T10:00:00Z`, properties: { sku: 'shirt' } },
      { type: 'identify', anonymousId: 'a1', userId: 'u1', traits: { plan: 'pro' }, timestamp: `${day}T10:01:00Z` },
      { type: 'track', event: 'Order Completed', userId: 'u1', timestamp: `${day}T10:02:00Z`, properties: { total: 42.5 } },
      { type: 'track', event: 'Product Viewed', anonymousId: 'a2', timestamp: `${day}T11:00:00Z`, properties: { sku: 'hat' } },
    ];
    expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth })).status).toBe(200);

    const person = await getJson(`${server.url}/api/projects/default/persons/a1`, { authorization: server.readAuth });
    expect(person.body).toMatchObject({ userIds: ['u1'], anonymousIds: ['a1'], traits: { plan: 'pro' }, eventCount: 3 });
    const events = await getJson(`${server.url}/api/projects/default/events?event=Product%20Viewed`, { authorization: server.readAuth });
    expect(events.body.events.map((e: { properties: { sku: string } }) => e.properties.sku)).toEqual(['hat', 'shirt']);

    const funnel = await postJson(
      `${server.url}/api/projects/default/query`,
      { kind: 'funnel', steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }], window: { value: 1, unit: 'day' }, order: 'ordered', from: `${day}T00:00:00Z`, to: '2026-03-03T00:00:00Z' },
      { authorization: server.readAuth },
    );
    expect(funnel.status).toBe(200);
    // Two persons viewed, one (a1, identified as u1 in between) ordered two minutes later.
    expect(funnel.body.result.overall.steps.map((s: { persons: number }) => s.persons)).toEqual([2, 1]);
    expect(funnel.body.result.overall.timeToConvert.medianMs).toBe(120_000);
    expect(server.runtime.engine.dialect.name).toBe('clickhouse');

    // Exports stream ClickHouse's own formats through the client, binary Parquet included.
    const parquet = Buffer.from(await (await fetch(`${server.url}/api/projects/default/export?format=parquet`, { headers: { authorization: server.readAuth } })).arrayBuffer());
    expect(parquet.subarray(0, 4).toString('latin1')).toBe('PAR1');
    const jsonl = await (await fetch(`${server.url}/api/projects/default/export?format=jsonl`, { headers: { authorization: server.readAuth } })).text();
    expect(jsonl.trim().split('\n').map((line) => JSON.parse(line).event)).toEqual(['Product Viewed', '$identify', 'Order Completed', 'Product Viewed']);
  });
});
