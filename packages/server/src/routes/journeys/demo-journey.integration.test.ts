import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateJourneyMap } from '@waymark/core';
import { demoJourney } from '../../demo/demo-journey.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { getJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

/** Big enough that the rarest moments (store purchases, NPS answers) happen in the last week. */
const OPTIONS = { scenario: 'shop', customers: 1000, days: 30, seed: 5, end: '2026-10-31' } as const;

describe('the demo journey map', () => {
  let server: TestServer;
  let api: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer();
    api = `${server.url}/api/projects/default`;
    auth = { authorization: server.readAuth };
    await seedDemo(server.runtime, server.credentials.projectId, () => undefined, OPTIONS);
  }, 120_000);
  afterAll(() => server.destroy());

  it('is stored once as "Online shop", a valid map the web app lists', async () => {
    expect(validateJourneyMap(demoJourney('shop')).kind).toBe('ok');
    const list = await getJson(`${api}/journeys`, auth);
    expect(list.body.journeys).toEqual([expect.objectContaining({ id: 'online-shop', name: 'Online shop', version: 1, updatedBy: 'Waymark demo', touchpoints: 22, stages: 5 })]);
  });

  it('shows numbers in every cell on the demo data', async () => {
    const { status, body } = await getJson(`${api}/journeys/online-shop/numbers`, auth);
    expect(status).toBe(200);
    expect(body.range).toEqual({ from: '2026-10-25T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    const empty = body.touchpoints.filter((t: { persons: number }) => t.persons === 0).map((t: { touchpointId: string }) => t.touchpointId);
    expect(empty).toEqual([]);
    for (const s of body.stages) expect(s.persons, s.stageId).toBeGreaterThan(0);
    for (const t of body.touchpoints) expect(t.sparkline.reduce((n: number, p: { events: number }) => n + p.events, 0), t.touchpointId).toBe(t.events);
    // The planted journey: more shoppers see product pages than reach checkout, and more start checkout than order.
    const persons = (id: string) => body.touchpoints.find((t: { touchpointId: string }) => t.touchpointId === id).persons;
    expect(persons('product_page')).toBeGreaterThan(persons('checkout_start'));
    expect(persons('checkout_start')).toBeGreaterThan(persons('order'));
    expect(body.goal.value).not.toBeNull();
  });
});
