import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_JOURNEY } from '@waymark/core';
import { getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

const track = (userId: string, event: string, day: number, properties: Record<string, unknown> = {}) => ({
  type: 'track',
  userId,
  event,
  timestamp: `2026-05-${String(day).padStart(2, '0')}T12:00:00Z`,
  properties,
});

const EVENTS = [
  ...['ann', 'bob', 'cat', 'dan'].map((u, i) => track(u, 'Product Viewed', 10 + i, { category: i < 3 ? 'lighting' : 'kitchen', price: 10 * (i + 1) })),
  track('ann', 'Product Viewed', 14, { category: 'lighting', price: 10, featured: true }),
  track('ann', 'Product Added', 11, { category: 'lighting' }),
  track('bob', 'Product Added', 12, { category: 'kitchen' }),
  track('ann', 'Order Completed', 12, { revenue: 10, coupon: 'SPRING' }),
  // Before the default range (the 7 days ending with the newest event's day, May 9 to 15).
  track('eve', 'Product Viewed', 1, { category: 'lighting' }),
];

describe('binding picker suggestions', () => {
  let server: TestServer;
  let api: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    api = `${server.url}/api/projects/default`;
    auth = { authorization: server.readAuth };
    expect((await postJson(`${server.url}/v1/batch`, { batch: EVENTS }, { authorization: server.writeAuth })).status).toBe(200);
  });
  afterAll(() => server.destroy());

  it('suggest event names, most frequent first, matching q in any case', async () => {
    const all = await getJson(`${api}/event-names`, auth);
    expect(all.body.events.slice(0, 3)).toEqual([
      { event: 'Product Viewed', count: 6 },
      { event: 'Product Added', count: 2 },
      { event: 'Order Completed', count: 1 },
    ]);
    // $identify is not sent here; every name is an event people did.
    expect((await getJson(`${api}/event-names?q=product`, auth)).body.events.map((e: { event: string }) => e.event)).toEqual(['Product Viewed', 'Product Added']);
    expect((await getJson(`${api}/event-names?q=DUCT%20ADD`, auth)).body.events).toEqual([{ event: 'Product Added', count: 2 }]);
    expect((await getJson(`${api}/event-names?limit=1`, auth)).body.events).toHaveLength(1);
    expect((await getJson(`${api}/event-names?q=zzz`, auth)).body.events).toEqual([]);
  });

  it('suggest the properties of an event with their top values', async () => {
    const { body } = await getJson(`${api}/event-properties?event=Product%20Viewed`, auth);
    expect(body.properties).toEqual([
      { property: 'category', count: 6, values: [{ value: 'lighting', count: 5 }, { value: 'kitchen', count: 1 }] },
      { property: 'price', count: 5, values: [{ value: '10', count: 2 }, { value: '20', count: 1 }, { value: '30', count: 1 }, { value: '40', count: 1 }] },
      { property: 'featured', count: 1, values: [{ value: 'true', count: 1 }] },
    ]);
    expect((await getJson(`${api}/event-properties?event=Product%20Viewed&q=pri`, auth)).body.properties.map((p: { property: string }) => p.property)).toEqual(['price']);
    const one = await getJson(`${api}/event-properties?event=Product%20Viewed&property=category&q=kit`, auth);
    expect(one.body.properties).toEqual([{ property: 'category', count: 6, values: [{ value: 'kitchen', count: 1 }] }]);
    expect((await getJson(`${api}/event-properties?event=Nothing`, auth)).body.properties).toEqual([]);
  });

  it('count the properties of several events together, as a step bound to any of them', async () => {
    const { body } = await getJson(`${api}/event-properties?event=Product%20Viewed&event=Product%20Added&event=Nothing`, auth);
    expect(body.properties).toEqual([
      { property: 'category', count: 8, values: [{ value: 'lighting', count: 6 }, { value: 'kitchen', count: 2 }] },
      { property: 'price', count: 5, values: [{ value: '10', count: 2 }, { value: '20', count: 1 }, { value: '30', count: 1 }, { value: '40', count: 1 }] },
      { property: 'featured', count: 1, values: [{ value: 'true', count: 1 }] },
    ]);
    // An event named twice is counted once.
    const twice = await getJson(`${api}/event-properties?event=Product%20Added&event=Product%20Added`, auth);
    expect(twice.body.properties).toEqual([{ property: 'category', count: 2, values: [{ value: 'kitchen', count: 1 }, { value: 'lighting', count: 1 }] }]);
  });

  it('count what matchers select, as the map counts it', async () => {
    const count = (body: unknown) => postJson(`${api}/matcher-count`, body, auth);
    // Default range: May 9 (inclusive) to 16 (exclusive); eve's view on May 1 is outside it.
    expect((await count({ matchers: [{ event: 'Product Viewed' }] })).body).toEqual({ events: 5, persons: 4 });
    expect((await count({ matchers: [{ event: 'Product Viewed' }], from: '2026-05-01', to: '2026-06-01' })).body).toEqual({ events: 6, persons: 5 });
    expect((await count({ matchers: [{ event: 'Product Viewed', where: [{ property: 'category', op: 'eq', value: 'lighting' }] }] })).body).toEqual({ events: 4, persons: 3 });
    expect((await count({ matchers: [{ event: 'Product Added' }, { event: 'Order Completed' }], from: Date.parse('2026-05-12T00:00:00Z') })).body).toEqual({ events: 2, persons: 2 });

    // The same matchers on a touchpoint: the map reports the same persons over the same default range.
    const map = JSON.parse(JSON.stringify(SHOP_JOURNEY));
    map.stages[1].touchpoints[0].matchers = [{ event: 'Product Viewed', where: [{ property: 'category', op: 'eq', value: 'lighting' }] }];
    await postJson(`${api}/journeys`, { map }, auth);
    const numbers = await getJson(`${api}/journeys/shop/numbers`, auth);
    expect(numbers.body.touchpoints.find((t: { touchpointId: string }) => t.touchpointId === 'product_page')).toMatchObject({ persons: 3, events: 4 });
  });

  it.each([
    [{}, 'matchers'],
    [{ matchers: [] }, 'matchers'],
    [{ matchers: [{}] }, 'matchers[0].event'],
    [{ matchers: [{ event: '' }] }, 'matchers[0].event'],
    [{ matchers: [{ event: 'x', where: [{ property: 'a', op: 'like', value: 1 }] }] }, 'matchers[0].where[0].op'],
    [{ matchers: [{ event: 'x', where: [{ property: 'a', op: 'in', value: [] }] }] }, 'matchers[0].where[0].value'],
    [{ matchers: [{ event: 'x' }], from: 'last week' }, 'from'],
    [{ matchers: [{ event: 'x' }], from: '2026-05-10', to: '2026-05-01' }, 'to'],
    [{ matchers: [{ event: 'x' }], colour: 'red' }, 'colour'],
  ])('refuse the matcher count of %j naming %s', async (body, path) => {
    const answer = await postJson(`${api}/matcher-count`, body, auth);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'WM_REQUEST_INVALID', path });
  });

  it.each([
    ['event-names?limit=0', 'querystring.limit'],
    ['event-names?limit=lots', 'querystring.limit'],
    ['event-names?colour=red', 'querystring.colour'],
    ['event-properties', 'querystring.event'],
    ['event-properties?event=', 'querystring.event[0]'],
    ['event-properties?event=x&event=', 'querystring.event[1]'],
    [`event-properties?${Array.from({ length: 21 }, (_, i) => `event=e${i}`).join('&')}`, 'querystring.event'],
    ['event-properties?event=x&property=', 'querystring.property'],
  ])('refuse %s naming %s', async (query, path) => {
    const answer = await getJson(`${api}/${query}`, auth);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'WM_REQUEST_INVALID', path });
  });

  it('need a secret key', async () => {
    expect((await getJson(`${api}/event-names`)).status).toBe(401);
    expect((await postJson(`${api}/matcher-count`, { matchers: [{ event: 'x' }] })).status).toBe(401);
  });
});
