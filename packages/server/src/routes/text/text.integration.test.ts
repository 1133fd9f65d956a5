import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyMap } from '@waymark/core';
import { EVENT_STORES, getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2); // a Monday

/** One stage, two touchpoints: the baggage desk (tickets about bags) and the refund form. */
const MAP: JourneyMap = {
  id: 'trip',
  name: 'Trip',
  description: '',
  goal: { name: 'Trips', metric: 'conversion_rate', matcher: { event: 'Trip Completed' }, target: 0.5, direction: 'higher_is_better' },
  personas: [],
  stages: [
    {
      id: 'after',
      name: 'After the trip',
      description: '',
      touchpoints: [
        { id: 'baggage_desk', stageId: 'after', name: 'Baggage desk', channel: 'support', matchers: [{ event: 'Ticket Created', where: [{ property: 'topic', op: 'eq', value: 'baggage' }] }], kpis: [], momentOfTruth: false },
        { id: 'refund_form', stageId: 'after', name: 'Refund form', channel: 'web', matchers: [{ event: 'Refund Requested' }], kpis: [], momentOfTruth: false },
      ],
    },
  ],
  lanes: [],
};

const track = (event: string, properties: Record<string, unknown>, day: number, channel?: string) => ({
  type: 'track',
  userId: `u${day}-${event.length}-${String(properties['text'] ?? '').length}`,
  event,
  properties,
  timestamp: new Date(START + day * DAY + 3_600_000).toISOString(),
  ...(channel && { context: { channel } }),
});

const BATCH = [
  track('Ticket Created', { topic: 'baggage', text: 'Lost luggage again, nobody answers' }, 0, 'support'),
  track('Ticket Created', { topic: 'baggage', text: 'My bags never arrived. Awful.' }, 1, 'support'),
  track('Ticket Created', { topic: 'baggage', text: 'Lost bag at the carousel, lost luggage claim still open' }, 8, 'support'),
  track('Ticket Created', { topic: 'delay', text: 'Flight delayed four hours, no explanation' }, 8, 'support'),
  track('Ticket Created', { topic: 'delay', text: 'Another delay, missed my connection' }, 9, 'support'),
  track('Review Posted', { text: 'Delayed again but the crew was lovely' }, 9),
  track('Survey Answered', { survey_id: 's1', question_type: 'text', text: 'Refund came quickly, thank you!', touchpoint_id: 'refund_form' }, 9, 'survey'),
  track('Survey Answered', { survey_id: 's1', question_type: 'text', text: 'The refund took a month', touchpoint_id: 'refund_form' }, 10, 'survey'),
  // Not a customer's words: a click's element text, a number, an empty answer.
  track('$autocapture', { text: 'Lost luggage form' }, 9),
  track('$autocapture', { text: 'Lost luggage form' }, 10),
  track('Ticket Created', { topic: 'baggage', text: 42 }, 9, 'support'),
  track('Ticket Created', { topic: 'baggage', text: '   ' }, 9, 'support'),
  track('Ticket Created', { topic: 'baggage', body: 'Lost luggage, no refund' }, 9, 'support'),
  track('Ticket Created', { topic: 'baggage', body: 'Lost luggage, refund please' }, 10, 'support'),
];

describe.each(EVENT_STORES)('on the $name store', ({ env }) => {
  describe('text analytics', () => {
    let server: TestServer;
    let api: string;
    let auth: Record<string, string>;
    const range = `from=${new Date(START).toISOString()}&to=${new Date(START + 14 * DAY).toISOString()}`;

    beforeAll(async () => {
      server = await startTestServer({ env });
      api = `${server.url}/api/projects/default`;
      auth = { authorization: server.readAuth };
      expect((await postJson(`${server.url}/v1/batch`, { batch: BATCH }, { authorization: server.writeAuth })).status).toBe(200);
      expect((await postJson(`${api}/journeys`, { map: MAP }, auth)).status).toBe(201);
    });
    afterAll(() => server.destroy());

    it('scores the sentiment of texts in order', async () => {
      const answer = await postJson(`${api}/text/sentiment`, { texts: ['Two hours on hold and nobody answers', 'Thanks, the crew was fantastic!', ''] }, auth);
      expect(answer.status).toBe(200);
      expect(answer.body.results.map((r: { label: string }) => r.label)).toEqual(['negative', 'positive', expect.any(String)]);
      const [first] = answer.body.results;
      expect(first.score).toBeLessThan(-0.5);
      expect(first.probabilities.negative + first.probabilities.neutral + first.probabilities.positive).toBeCloseTo(1, 3);
    });

    it.each([
      ['no texts', {}, 'texts'],
      ['an empty list', { texts: [] }, 'texts'],
      ['a string', { texts: 'hello' }, 'texts'],
      ['a number among texts', { texts: ['ok', 7] }, 'texts[1]'],
      ['a text over 5,000 characters', { texts: ['ok', 'x'.repeat(5001)] }, 'texts[1]'],
      ['1,001 texts', { texts: Array.from({ length: 1001 }, () => 'ok') }, 'texts'],
      ['an unknown field', { texts: ['ok'], model: 'other' }, 'model'],
    ])('refuses a sentiment body with %s, naming %s', async (_case, body, path) => {
      const answer = await postJson(`${api}/text/sentiment`, body, auth);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('WM_REQUEST_INVALID');
      expect(answer.body.error.path).toBe(path);
    });

    it('needs a read key', async () => {
      expect((await postJson(`${api}/text/sentiment`, { texts: ['ok'] }, { authorization: `Bearer ${server.credentials.writeKey}` })).status).toBe(403);
      expect((await getJson(`${api}/text/themes`)).status).toBe(401);
    });

    it("finds the themes of customers' texts, with counts, trend, sentiment and examples", async () => {
      const answer = await getJson(`${api}/text/themes?${range}&interval=week`, auth);
      expect(answer.status).toBe(200);
      const { body } = answer;
      // Eight texts: the clicks, the number, the blank text and the texts under another property are not read.
      expect(body.texts).toBe(8);
      expect(body.truncated).toBe(false);
      expect(body.periods).toEqual(['2026-03-02', '2026-03-09']);
      const byKey = Object.fromEntries(body.themes.map((t: { key: string }) => [t.key, t]));
      expect(byKey['bag']).toMatchObject({ count: 3, trend: [{ period: '2026-03-02', count: 2 }, { period: '2026-03-09', count: 1 }], change: { count: 1, previous: 2, delta: -1, ratio: -0.5 } });
      expect(byKey['bag'].sentiment.mean).toBeLessThan(0);
      expect(byKey['bag'].examples[0]).toMatchObject({ text: 'Lost bag at the carousel, lost luggage claim still open', timestamp: new Date(START + 8 * DAY + 3_600_000).toISOString() });
      expect(byKey['bag'].examples[0].sentiment.label).toMatch(/^(negative|neutral|positive)$/);
      expect(byKey['delay']).toMatchObject({ count: 3 });
      expect(byKey['refund']).toMatchObject({ count: 2 });
      expect(body.themes[0].count).toBeGreaterThanOrEqual(body.themes.at(-1).count);
    });

    it('filters by channel, event, property and limit', async () => {
      const support = await getJson(`${api}/text/themes?${range}&channel=support`, auth);
      expect(support.body.texts).toBe(5);
      const reviews = await getJson(`${api}/text/themes?${range}&event=Review%20Posted`, auth);
      expect(reviews.body.texts).toBe(1);
      const body = await getJson(`${api}/text/themes?${range}&property=body&event=Ticket%20Created`, auth);
      expect(body.body.texts).toBe(2);
      expect(body.body.themes.map((t: { key: string }) => t.key)).toEqual(['bag', 'refund']);
      const one = await getJson(`${api}/text/themes?${range}&limit=1`, auth);
      expect(one.body.themes).toHaveLength(1);
    });

    it("filters by a touchpoint: its matchers on the journey map, or the texts carrying its id", async () => {
      const desk = await getJson(`${api}/text/themes?${range}&journey=trip&touchpoint=baggage_desk`, auth);
      expect(desk.status).toBe(200);
      expect(desk.body.texts).toBe(3);
      expect(desk.body.themes.map((t: { key: string }) => t.key)).toContain('bag');
      expect(desk.body.themes.map((t: { key: string }) => t.key)).not.toContain('delay');
      const form = await getJson(`${api}/text/themes?${range}&touchpoint=refund_form`, auth);
      expect(form.body.texts).toBe(2);
      expect(form.body.themes.map((t: { key: string }) => t.key)).toEqual(['refund']);
    });

    it('answers a range without texts with no themes', async () => {
      const empty = await getJson(`${api}/text/themes?from=2020-01-01T00:00:00Z&to=2020-01-08T00:00:00Z`, auth);
      expect(empty.status).toBe(200);
      expect(empty.body).toMatchObject({ texts: 0, themes: [], periods: [] });
    });

    it.each([
      ['from=yesterday', 'from'],
      ['from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z', 'to'],
      ['limit=0', 'querystring.limit'],
      ['limit=many', 'querystring.limit'],
      ['interval=year', 'querystring.interval'],
      ['property=a..b', 'querystring.property'],
      ['channel=', 'querystring.channel'],
      ['colour=red', 'querystring.colour'],
      ['journey=trip', 'touchpoint'],
      ['journey=trip&touchpoint=nope', 'touchpoint'],
    ])('refuses the themes query %s, naming %s', async (query, path) => {
      const answer = await getJson(`${api}/text/themes?${query}`, auth);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('WM_REQUEST_INVALID');
      expect(answer.body.error.path).toBe(path);
    });

    it('answers 404 for an unknown journey map', async () => {
      const answer = await getJson(`${api}/text/themes?journey=nope&touchpoint=x`, auth);
      expect(answer.status).toBe(404);
      expect(answer.body.error).toMatchObject({ code: 'WM_JOURNEY_NOT_FOUND', path: 'journey' });
    });
  });
});
