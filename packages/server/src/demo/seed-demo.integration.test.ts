import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRICTION_EVENT_NAMES, groundTruth } from '@waymark/core';
import { getJson, startTestServer, type TestServer } from '../testing/test-server.ts';
import { demoJourney } from './demo-journey.ts';
import { pendingDemo, seedDemo } from './seed-demo.ts';

const OPTIONS = { scenario: 'shop', customers: 300, days: 30, seed: 3, end: '2026-10-31' } as const;

describe('the first-start demo', () => {
  let server: TestServer;
  const said: string[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    // The store's first flush folds what is there (nothing yet); the next turn is minutes away.
    await server.runtime.events.flush();
    await seedDemo(server.runtime, server.credentials.projectId, (line) => said.push(line), OPTIONS);
  });
  afterAll(() => server.destroy());

  it("fills the project with the scenario's journey map, its events and the ground truth beside the data", async () => {
    const maps = await server.runtime.state.listJourneyMaps(server.credentials.projectId);
    expect(maps.map((m) => [m.id, m.version])).toEqual([[demoJourney('shop').id, 1]]);
    expect(maps[0]!.map).toEqual(JSON.parse(JSON.stringify(demoJourney('shop'))));

    // The store also holds the friction signals it found in the demo's events.
    const [signals] = await server.runtime.engine.query(
      `SELECT count(*) AS n FROM events_resolved WHERE project_id = '${server.credentials.projectId}' AND event IN (${FRICTION_EVENT_NAMES.map((e) => `'${e}'`).join(', ')})`,
    );
    const stored = (await server.runtime.events.countEvents(server.credentials.projectId)) - Number(signals?.['n'] ?? 0);
    expect(stored).toBeGreaterThan(OPTIONS.customers * 10);
    expect(said[said.length - 1]).toContain(`${stored.toLocaleString('en-US')} events of 300 simulated customers`);

    const truth = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-ground-truth.json'), 'utf8')) as unknown;
    expect(truth).toEqual(JSON.parse(JSON.stringify(groundTruth(OPTIONS))));

    const orders = await getJson(`${server.url}/api/projects/default/events?event=Order%20Completed&limit=1`, { authorization: server.readAuth });
    expect(orders.body.events).toHaveLength(1);
    expect(Date.parse(orders.body.events[0].timestamp)).toBeLessThan(Date.parse('2026-11-01T00:00:00Z'));
    expect(pendingDemo(server.dataDir)).toBeNull();
  });

  it('leaves the merged visitors folded into the customers they became', async () => {
    const [overrides] = await server.runtime.engine.query(
      `SELECT count(*) AS merged, count(*) FILTER (WHERE NOT folded) AS unfolded FROM person_overrides WHERE project_id = '${server.credentials.projectId}'`,
    );
    expect(Number(overrides?.['merged'])).toBeGreaterThan(0);
    expect(Number(overrides?.['unfolded'])).toBe(0);
  });

  it('finishes a demo a stop interrupted without storing anything twice or versioning the map again', async () => {
    const before = await server.runtime.events.countEvents(server.credentials.projectId);
    await seedDemo(server.runtime, server.credentials.projectId, () => undefined, OPTIONS);
    expect(await server.runtime.events.countEvents(server.credentials.projectId)).toBe(before);
    expect((await server.runtime.state.listJourneyMaps(server.credentials.projectId)).map((m) => m.version)).toEqual([1]);
  });
});
