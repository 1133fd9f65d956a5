import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer, EVENT_STORES } from '../../testing/test-server.ts';

describe.each(EVENT_STORES)('on the $name store', ({ env }) => {
  /**
   * GET /api/projects/:project/events: filters and cursor paging over 251 events, five of them
   * at each timestamp, sent out of time order in several requests.
   */

  interface ApiEvent {
    id: string;
    event: string;
    channel: string;
    anonymousId: string | null;
    userId: string | null;
    personId: string;
    timestamp: string;
  }

  const BASE = Date.parse('2026-02-01T12:00:00.000Z');
  const MINUTE = 60_000;
  const NAMES = ['Page Viewed', 'Product Added', 'Order Completed'] as const;
  const CHANNELS = ['web', 'email', 'support', 'store'] as const;

  interface Sent {
    readonly id: string;
    readonly event: string;
    readonly channel: string;
    readonly anonymousId: string;
    readonly timestamp: number;
    /** Position in arrival order: the tie-break among equal timestamps (later arrivals first). */
    readonly arrival: number;
  }

  // Arrival order: a fixed permutation of time order, so the store cannot lean on insertion order.
  const permutation = Array.from({ length: 250 }, (_, i) => (i * 97) % 250);
  const sent: Sent[] = [
    // Links anon-3 to user-3 before anything else, an hour before the rest.
    { id: 'ev-identify', event: '$identify', channel: 'web', anonymousId: 'anon-3', timestamp: BASE - 60 * MINUTE, arrival: 0 },
    ...permutation.map((i, k) => ({
      id: `ev-${String(i).padStart(3, '0')}`,
      event: NAMES[i % 3]!,
      channel: CHANNELS[i % 4]!,
      anonymousId: `anon-${i % 10}`,
      timestamp: BASE + Math.floor(i / 5) * MINUTE,
      arrival: k + 1,
    })),
  ];
  const newestFirst = (list: readonly Sent[]) => [...list].sort((a, b) => b.timestamp - a.timestamp || b.arrival - a.arrival).map((e) => e.id);

  let server: TestServer;
  let user3Person: string;

  beforeAll(async () => {
    server = await startTestServer({ env });
    const messages = sent.map((e) =>
      e.event === '$identify'
        ? { type: 'identify', messageId: e.id, anonymousId: e.anonymousId, userId: 'user-3', traits: { tier: 'gold' }, timestamp: new Date(e.timestamp).toISOString() }
        : { type: 'track', messageId: e.id, anonymousId: e.anonymousId, event: e.event, context: { channel: e.channel }, properties: { n: e.arrival }, timestamp: new Date(e.timestamp).toISOString() },
    );
    // Four requests, in arrival order.
    for (let start = 0; start < messages.length; start += 70) {
      const batch = messages.slice(start, start + 70);
      const answer = await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth });
      expect(answer).toEqual({ status: 200, body: { success: true, accepted: batch.length, duplicates: 0, skipped: 0 } });
    }
    const person = await getJson(`${server.url}/api/projects/default/persons/user-3`, { authorization: server.readAuth });
    user3Person = person.body.personId;
  });
  afterAll(() => server.destroy());

  async function page(query: string): Promise<{ events: ApiEvent[]; next: string | null }> {
    const answer = await getJson(`${server.url}/api/projects/default/events?${query}`, { authorization: server.readAuth });
    expect(answer.status, query).toBe(200);
    return answer.body;
  }

  /** Follows `next` to the end; returns the pages' ids. */
  async function allPages(query: string): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const p = await page(cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query);
      pages.push(p.events.map((e) => e.id));
      cursor = p.next;
      expect(pages.length).toBeLessThan(50);
    } while (cursor !== null);
    return pages;
  }

  const iso = (ms: number) => new Date(ms).toISOString();

  describe('paging', () => {
    it('covers all 251 events in pages of 100, newest first, without overlap, equal timestamps in a stable order', async () => {
      const pages = await allPages('limit=100');
      expect(pages.map((p) => p.length)).toEqual([100, 100, 51]);
      const ids = pages.flat();
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(newestFirst(sent));
    });

    it('gives the same pages when asked again', async () => {
      expect(await allPages('limit=100')).toEqual(await allPages('limit=100'));
    });

    it('ends with next = null exactly when nothing is left', async () => {
      const exact = await page('limit=251');
      expect(exact.events).toHaveLength(251);
      expect(exact.next).toBeNull();
      const short = await page('limit=250');
      expect(short.next).not.toBeNull();
      const rest = await page(`limit=250&cursor=${short.next}`);
      expect(rest.events.map((e) => e.id)).toEqual([newestFirst(sent).at(-1)]);
      expect(rest.next).toBeNull();
    });

    it('defaults to 100 events', async () => {
      const first = await page('');
      expect(first.events.map((e) => e.id)).toEqual(newestFirst(sent).slice(0, 100));
      expect(first.next).not.toBeNull();
    });

    it('pages a filtered list with the filter kept', async () => {
      const pages = await allPages('channel=web&limit=20');
      const web = sent.filter((e) => e.channel === 'web');
      expect(pages.flat()).toEqual(newestFirst(web));
      expect(pages.map((p) => p.length)).toEqual([20, 20, 20, 4]);
    });
  });

  describe('filters', () => {
    const cases: { name: string; query: () => string; expected: (e: Sent) => boolean }[] = [
      { name: 'event name', query: () => `event=${encodeURIComponent('Order Completed')}`, expected: (e) => e.event === 'Order Completed' },
      { name: 'system event name', query: () => 'event=%24identify', expected: (e) => e.event === '$identify' },
      { name: 'channel', query: () => 'channel=email', expected: (e) => e.channel === 'email' },
      { name: 'person by anonymous id', query: () => 'person=anon-7', expected: (e) => e.anonymousId === 'anon-7' },
      { name: 'person by user id', query: () => 'person=user-3', expected: (e) => e.anonymousId === 'anon-3' },
      { name: 'person by the anonymous id of an identified user', query: () => 'person=anon-3', expected: (e) => e.anonymousId === 'anon-3' },
      { name: 'person by person id', query: () => `person=${user3Person}`, expected: (e) => e.anonymousId === 'anon-3' },
      { name: 'an unknown person', query: () => 'person=nobody', expected: () => false },
      { name: 'an unknown event name', query: () => 'event=Nothing', expected: () => false },
      // `from` is inclusive, `to` exclusive: minute 10 is in, minute 20 is out.
      { name: 'from and to', query: () => `from=${iso(BASE + 10 * MINUTE)}&to=${iso(BASE + 20 * MINUTE)}`, expected: (e) => e.timestamp >= BASE + 10 * MINUTE && e.timestamp < BASE + 20 * MINUTE },
      { name: 'from alone', query: () => `from=${iso(BASE + 45 * MINUTE)}`, expected: (e) => e.timestamp >= BASE + 45 * MINUTE },
      { name: 'to alone', query: () => `to=${iso(BASE)}`, expected: (e) => e.timestamp < BASE },
      { name: 'from and to with an offset', query: () => `from=${encodeURIComponent('2026-02-01T14:10:00+02:00')}&to=${encodeURIComponent('2026-02-01T14:12:00+02:00')}`, expected: (e) => e.timestamp >= BASE + 10 * MINUTE && e.timestamp < BASE + 12 * MINUTE },
      { name: 'an empty time range', query: () => `from=${iso(BASE + 5 * MINUTE)}&to=${iso(BASE + 5 * MINUTE)}`, expected: () => false },
      {
        name: 'event, channel, person and time together',
        query: () => `event=${encodeURIComponent('Product Added')}&channel=store&person=anon-1&from=${iso(BASE + 5 * MINUTE)}`,
        expected: (e) => e.event === 'Product Added' && e.channel === 'store' && e.anonymousId === 'anon-1' && e.timestamp >= BASE + 5 * MINUTE,
      },
    ];

    for (const c of cases) {
      it(c.name, async () => {
        const expected = newestFirst(sent.filter(c.expected));
        const result = await page(`${c.query()}&limit=1000`);
        expect(result.events.map((e) => e.id)).toEqual(expected);
        expect(result.next).toBeNull();
      });
    }

    it('the combined filter is not vacuous', () => {
      expect(sent.filter((e) => e.event === 'Product Added' && e.channel === 'store' && e.anonymousId === 'anon-1').length).toBeGreaterThan(0);
    });

    it('returns events with the fields they were sent with', async () => {
      const result = await page(`person=user-3&event=%24identify`);
      expect(result.events).toHaveLength(1);
      expect(result.events[0]).toMatchObject({ id: 'ev-identify', userId: 'user-3', anonymousId: 'anon-3', personId: user3Person, channel: 'web', timestamp: iso(BASE - 60 * MINUTE) });
    });
  });

  describe('paging while events arrive', () => {
    it('a cursor continues where it was, whatever arrives in between', async () => {
      const expected = newestFirst(sent);
      const first = await page('limit=100');
      expect(first.events.map((e) => e.id)).toEqual(expected.slice(0, 100));
      const boundary = Date.parse(first.events.at(-1)!.timestamp);

      // Newer events, and one at exactly the boundary's timestamp (it sorts before the cursor).
      const arriving = [
        { type: 'track', messageId: 'late-1', anonymousId: 'anon-0', event: 'Page Viewed', timestamp: iso(BASE + 100 * MINUTE) },
        { type: 'track', messageId: 'late-2', anonymousId: 'anon-0', event: 'Page Viewed', timestamp: iso(boundary) },
      ];
      expect((await postJson(`${server.url}/v1/batch`, { batch: arriving }, { authorization: server.writeAuth })).status).toBe(200);

      const second = await page(`limit=100&cursor=${first.next}`);
      const third = await page(`limit=100&cursor=${second.next}`);
      expect([...second.events, ...third.events].map((e) => e.id)).toEqual(expected.slice(100));
      expect(third.next).toBeNull();

      const fresh = await allPages('limit=100');
      expect(fresh.flat().slice(0, 1)).toEqual(['late-1']);
      expect(fresh.flat()).toHaveLength(253);
    });
  });
});
