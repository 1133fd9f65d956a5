import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventNamesSql, eventPropertyNamesSql, eventPropertyValuesSql, matcherCountSql, personaPersonsSql, type AnalysisEvent } from '@waymark/core';
import { ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';

const T0 = Date.UTC(2026, 4, 10);
let seq = 0;
const ev = (personId: string, event: string, day: number, properties: Record<string, unknown> = {}): AnalysisEvent => ({
  personId,
  event,
  timestamp: T0 + day * 86_400_000,
  sessionId: null,
  channel: 'web',
  properties,
  seq: seq++,
});

const EVENTS: AnalysisEvent[] = [
  ev('ann', '$identify', 0, { plan: 'pro' }),
  ev('bob', '$identify', 0, { plan: 'free' }),
  ev('bob', '$identify', 1, { plan: 'pro' }),
  ev('cat', '$identify', 0, { plan: 'free' }),
  ev('ann', 'Product Viewed', 1, { category: 'lighting', price: 10 }),
  ev('bob', 'Product Viewed', 2, { category: 'lighting', price: 20, featured: true }),
  ev('cat', 'Product Viewed', 3, { category: 'kitchen', price: 10 }),
  ev('cat', 'Order Completed', 3, { revenue: 120 }),
  ev('ann', 'Order Completed', 4, { revenue: 30 }),
  // Keys no property path names: with a dot (read as nested), empty, "*".
  ev('dan', 'Signed Up', 5, { 'utm.source': 'ads', '': 1, '*': 2, plan: 'pro' }),
];

/** Queries of the binding picker and persona filters: the same answers on every engine. */
describe.each(ENGINES)('journey bindings on $name', ({ create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
    await engine.load(EVENTS);
  });
  afterAll(() => engine.close());
  const rows = async (sql: string) => (await engine.query(sql)).map((r) => JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))) as Record<string, unknown>);
  const numbers = (list: Record<string, unknown>[]) => list.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) && k !== 'value' ? Number(v) : v])));

  it('list event names by frequency, filtered by a case-insensitive substring', async () => {
    expect(numbers(await rows(eventNamesSql(engine.dialect, TEST_PROJECT, '', 10)))).toEqual([
      { event: '$identify', count: 4 },
      { event: 'Product Viewed', count: 3 },
      { event: 'Order Completed', count: 2 },
      { event: 'Signed Up', count: 1 },
    ]);
    expect(numbers(await rows(eventNamesSql(engine.dialect, TEST_PROJECT, 'VIEW', 10)))).toEqual([{ event: 'Product Viewed', count: 3 }]);
  });

  it('list properties of an event and their top values', async () => {
    expect(numbers(await rows(eventPropertyNamesSql(engine.dialect, TEST_PROJECT, ['Product Viewed'], {}, 10)))).toEqual([
      { property: 'category', count: 3 },
      { property: 'price', count: 3 },
      { property: 'featured', count: 1 },
    ]);
    expect(numbers(await rows(eventPropertyNamesSql(engine.dialect, TEST_PROJECT, ['Product Viewed'], { property: 'price' }, 10)))).toEqual([{ property: 'price', count: 3 }]);
    expect(numbers(await rows(eventPropertyNamesSql(engine.dialect, TEST_PROJECT, ['Signed Up'], {}, 10)))).toEqual([{ property: 'plan', count: 1 }]);
    expect(numbers(await rows(eventPropertyValuesSql(engine.dialect, TEST_PROJECT, ['Product Viewed'], ['category', 'price', 'featured'], '', 1)))).toEqual([
      { property: 'category', value: 'lighting', count: 2 },
      { property: 'featured', value: 'true', count: 1 },
      { property: 'price', value: '10', count: 2 },
    ]);
    // Several events are counted together.
    const both = ['Product Viewed', 'Order Completed'];
    expect(numbers(await rows(eventPropertyNamesSql(engine.dialect, TEST_PROJECT, both, {}, 10)))).toEqual([
      { property: 'category', count: 3 },
      { property: 'price', count: 3 },
      { property: 'revenue', count: 2 },
      { property: 'featured', count: 1 },
    ]);
    expect(numbers(await rows(eventPropertyValuesSql(engine.dialect, TEST_PROJECT, both, ['revenue'], '', 5)))).toEqual([
      { property: 'revenue', value: '120', count: 1 },
      { property: 'revenue', value: '30', count: 1 },
    ]);
  });

  it('count events and persons of matchers in a range', async () => {
    const sql = matcherCountSql(engine.dialect, TEST_PROJECT, [{ event: 'Product Viewed', where: [{ property: 'price', op: 'lt', value: 15 }] }, { event: 'Order Completed' }], { from: T0 + 2 * 86_400_000 });
    expect(numbers(await rows(sql))).toEqual([{ events: 3, persons: 2 }]);
  });

  it('select the persons of a persona by trait (latest value) or by event property', async () => {
    const persons = async (segment: Parameters<typeof personaPersonsSql>[1]) =>
      (await rows(`${personaPersonsSql(engine.dialect, segment, TEST_PROJECT)} ORDER BY person_id`)).map((r) => r['person_id']);
    expect(await persons({ all: [{ scope: 'person', property: 'plan', op: 'eq', value: 'pro' }] })).toEqual(['ann', 'bob']);
    expect(await persons({ all: [{ scope: 'event', property: 'revenue', op: 'gte', value: 100 }] })).toEqual(['cat']);
    expect(await persons({ any: [{ scope: 'event', property: 'featured', op: 'exists' }, { scope: 'event', property: 'category', op: 'eq', value: 'kitchen' }] })).toEqual(['bob', 'cat']);
    expect(await persons({ all: [{ property: 'plan', op: 'eq', value: 'free' }], any: [{ scope: 'event', property: 'revenue', op: 'exists' }] })).toEqual(['cat']);
    expect(personaPersonsSql(engine.dialect, {}, TEST_PROJECT)).toBeNull();
  });
});
