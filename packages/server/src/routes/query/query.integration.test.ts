import type { JourneyMap } from '@waymark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer, EVENT_STORES } from '../../testing/test-server.ts';

const DAY = 86_400_000;
const start = Date.parse('2026-05-04T00:00:00Z');

/** A map whose personas the queries below are restricted to: u0, u1 and u2 are on the pro plan. */
const MAP: JourneyMap = {
  id: 'orders',
  name: 'Orders',
  description: '',
  goal: { name: 'Orders', metric: 'conversion_rate', matcher: { event: 'Order Completed' }, target: 0.5, direction: 'higher_is_better' },
  personas: [
    { id: 'pro', name: 'Pro', description: '', goals: [], frustrations: [], segment: { all: [{ scope: 'person', property: 'plan', op: 'eq', value: 'pro' }] } },
    { id: 'anyone', name: 'Anyone', description: '', goals: [], frustrations: [], segment: {} },
  ],
  stages: [
    {
      id: 'buy',
      name: 'Buy',
      description: '',
      touchpoints: [{ id: 'order', stageId: 'buy', name: 'Order', channel: 'web', matchers: [{ event: 'Order Completed' }], kpis: [], momentOfTruth: false }],
    },
  ],
  lanes: [],
};

describe.each(EVENT_STORES)('on the $name store', ({ env }) => {
  describe('POST /api/projects/:project/query', () => {
    let server: TestServer;
    let url: string;
    beforeAll(async () => {
      server = await startTestServer({ env });
      url = `${server.url}/api/projects/default/query`;
      const batch = [];
      for (let d = 0; d < 7; d++) {
        for (let p = 0; p <= d; p++) batch.push({ type: 'track', userId: `u${p}`, event: 'Order Completed', timestamp: new Date(start + d * DAY + p * 60_000).toISOString(), properties: { total: 10 * (p + 1) } });
      }
      for (const p of [0, 1, 2]) batch.push({ type: 'identify', userId: `u${p}`, traits: { plan: 'pro' }, timestamp: new Date(start).toISOString() });
      expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth })).status).toBe(200);
      expect((await postJson(`${server.url}/api/projects/default/journeys`, { map: MAP }, { authorization: server.readAuth })).status).toBe(201);
    });
    afterAll(() => server.destroy());

    const funnel = { kind: 'funnel', steps: [{ event: 'Order Completed' }, { event: 'Order Completed' }], window: { value: 7, unit: 'day' }, order: 'ordered', from: '2026-05-04T00:00:00Z', to: '2026-05-11T00:00:00Z' };
    const trends = { kind: 'trends', series: [{ matcher: { event: 'Order Completed' }, measure: 'count' }, { matcher: { event: 'Order Completed' }, measure: 'sum', property: 'total' }], interval: 'day', from: '2026-05-04T00:00:00Z', to: '2026-05-11T00:00:00Z' };

    it('answers a trend over the stored events, and the same answer from the cache until new events arrive', async () => {
      const first = await postJson(url, trends, { authorization: server.readAuth });
      expect(first.status).toBe(200);
      expect(first.body.kind).toBe('trends');
      expect(first.body.result.buckets).toHaveLength(7);
      expect(first.body.result.lines[0].values).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(first.body.result.lines[1].values).toEqual([10, 30, 60, 100, 150, 210, 280]);
      expect(first.body.meta.cached).toBe(false);

      const again = await postJson(url, trends, { authorization: server.readAuth });
      expect(again.body.meta.cached).toBe(true);
      expect(again.body.result).toEqual(first.body.result);

      await postJson(`${server.url}/v1/track`, { userId: 'u9', event: 'Order Completed', timestamp: '2026-05-10T12:00:00Z', properties: { total: 1 } }, { authorization: server.writeAuth });
      const fresh = await postJson(url, trends, { authorization: server.readAuth });
      expect(fresh.body.meta.cached).toBe(false);
      expect(fresh.body.meta.dataVersion).toBeGreaterThan(first.body.meta.dataVersion);
      expect(fresh.body.result.lines[0].values[6]).toBe(8);
    });

    it('runs only the persons query for the persons behind a number whose counts were asked before', async () => {
      const lifecycle = { kind: 'lifecycle', matcher: { event: 'Order Completed' }, interval: 'day', from: '2026-05-04T00:00:00Z', to: '2026-05-11T00:00:00Z' };
      const counts = await postJson(url, lifecycle, { authorization: server.readAuth });
      expect(counts.body.meta).toMatchObject({ queries: 1, queriesCached: 0, cached: false });
      const day = counts.body.result.periods.find((p: { new: number }) => p.new > 0);
      const persons = await postJson(url, { ...lifecycle, personsAt: { period: day.period, status: 'new' } }, { authorization: server.readAuth });
      expect(persons.body.meta).toMatchObject({ queries: 2, queriesCached: 1, cached: false });
      expect(persons.body.result.persons).toHaveLength(day.new);
      // The counts that came with the persons are the analysis's.
      expect({ ...persons.body.result, persons: undefined }).toEqual({ ...counts.body.result, persons: undefined });
      const again = await postJson(url, { ...lifecycle, personsAt: { period: day.period, status: 'new' } }, { authorization: server.readAuth });
      expect(again.body.meta).toMatchObject({ queries: 2, queriesCached: 2, cached: true });
      expect(again.body.result).toEqual(persons.body.result);
    });

    it('answers the first of the persons behind a number and how many they are, when asked', async () => {
      const auth = { authorization: server.readAuth };
      const spec = { ...trends, personsAt: { series: 0 } };
      const whole = (await postJson(url, spec, auth)).body.result;
      const all = whole.persons as string[];
      expect(all.length).toBeGreaterThan(2);
      for (const limit of [0, 2, all.length, all.length + 5]) {
        const first = await postJson(url, { ...spec, personsLimit: limit }, auth);
        expect(first.body.result).toEqual({ ...whole, persons: all.slice(0, limit), personsCount: all.length });
      }
      // Without personsAt there are no persons to cut.
      expect((await postJson(url, { ...trends, personsLimit: 5 }, auth)).body.result).toEqual((await postJson(url, trends, auth)).body.result);
    });

    it('answers with the result as CSV when asked for text/csv', async () => {
      const response = await fetch(url, { method: 'POST', headers: { authorization: server.readAuth, 'content-type': 'application/json', accept: 'text/csv' }, body: JSON.stringify(trends) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      // The same numbers as the JSON answer: a line per day, the totals last.
      const { result } = (await postJson(url, trends, { authorization: server.readAuth })).body as { result: { buckets: string[]; lines: { values: number[]; total: number }[] } };
      const days = result.buckets.map((b, i) => [b, ...result.lines.map((l) => l.values[i])].join(','));
      expect(days).toHaveLength(7);
      expect((await response.text()).split('\r\n')).toEqual(['period,count(Order Completed),sum(Order Completed.total)', ...days, `total,${result.lines.map((l) => l.total).join(',')}`, '']);
      // A bad spec is still a JSON error naming the field.
      const bad = await fetch(url, { method: 'POST', headers: { authorization: server.readAuth, 'content-type': 'application/json', accept: 'text/csv' }, body: JSON.stringify({ ...trends, interval: 'fortnight' }) });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { path: string } }).error.path).toBe('interval');
    });

    it('says which time zone the periods are in, and leaves blank in CSV the retention cells whose period has not begun', async () => {
      const auth = { authorization: server.readAuth };
      const now = Date.now();
      const visits = [15, 8, 0].map((days) => ({ type: 'track', userId: 'r0', event: 'Visit', timestamp: new Date(now - days * DAY - 60_000).toISOString() }));
      expect((await postJson(`${server.url}/v1/batch`, { batch: visits }, { authorization: server.writeAuth })).status).toBe(200);
      const retention = { kind: 'retention', cohortEvent: { event: 'Visit' }, returnEvent: { event: 'Visit' }, interval: 'day', periods: 20, from: new Date(now - 21 * DAY).toISOString(), to: new Date(now).toISOString() };
      expect((await postJson(url, retention, auth)).body.meta.timeZone).toBe('UTC'); // the project's
      // A zone whose date is not UTC's at this hour (neither has daylight saving), so that a
      // table read in the wrong zone blanks one day too many or too few.
      const [timeZone, offset] = new Date(now).getUTCHours() >= 10 ? ['Pacific/Kiritimati', '+14:00'] : ['Pacific/Pago_Pago', '-11:00'];
      const zoned = { ...retention, timeZone };
      const json = await postJson(url, zoned, auth);
      expect(json.body.meta.timeZone).toBe(timeZone);
      // Spelled in any case, as Intl reads names; the SQL gets the IANA spelling, the only one ClickHouse knows.
      const lower = await postJson(url, { ...zoned, timeZone: timeZone.toLowerCase() }, auth);
      expect([lower.status, lower.body.meta.timeZone, lower.body.result]).toEqual([200, timeZone, json.body.result]);
      const response = await fetch(url, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', accept: 'text/csv' }, body: JSON.stringify(zoned) });
      const read = Date.now();
      const rows = (await response.text()).trimEnd().split('\r\n').slice(1).map((line) => line.split(','));
      const cohorts = json.body.result.cohorts as { cohort: string; size: number; rates: number[] }[];
      expect(rows.map(([cohort, size]) => [cohort, Number(size)])).toEqual(cohorts.map((c) => [c.cohort, c.size]));
      expect(cohorts.filter((c) => c.size > 0)).toHaveLength(1);
      rows.forEach(([cohort, size, ...cells], i) =>
        cells.forEach((cell, k) => {
          const begun = Date.parse(`${cohort}T00:00:00${offset}`) + k * DAY <= read;
          expect(cell).toBe(size !== '0' && begun ? String(cohorts[i]!.rates[k]) : '');
        }),
      );
      // The one cohort with a person, 15 days ago, has days begun and days not begun.
      const [, , ...cells] = rows.find(([, size]) => size === '1')!;
      expect([cells[0], cells[20]]).toEqual(['1', '']);
    });

    it("restricts any analysis to a persona of a journey map, alone or with a saved cohort", async () => {
      const auth = { authorization: server.readAuth };
      // u_p orders every day from day p on, 10 * (p + 1) each time; u0..u2 are pro.
      const pro = await postJson(url, { ...trends, journey: 'orders', persona: 'pro' }, auth);
      expect(pro.status).toBe(200);
      expect(pro.body.result.lines[0].values).toEqual([1, 2, 3, 3, 3, 3, 3]);
      expect(pro.body.result.lines[1].values).toEqual([10, 30, 60, 60, 60, 60, 60]);
      const everyone = await postJson(url, trends, auth);
      expect((await postJson(url, { ...trends, journey: 'orders', persona: 'anyone' }, auth)).body.result).toEqual(everyone.body.result);

      const u1 = await getJson(`${server.url}/api/projects/default/persons/u1`, auth);
      const u5 = await getJson(`${server.url}/api/projects/default/persons/u5`, auth);
      const cohort = await postJson(`${server.url}/api/projects/default/cohorts`, { name: 'u1 and u5', persons: [u1.body.personId, u5.body.personId] }, auth);
      const both = await postJson(url, { ...trends, journey: 'orders', persona: 'pro', cohort: cohort.body.id }, auth);
      expect(both.body.result.lines[0].values).toEqual([0, 1, 1, 1, 1, 1, 1]);
    });

    it.each([
      [{ persona: 'pro' }, 400, 'WM_REQUEST_INVALID', 'journey'],
      [{ journey: 'orders' }, 400, 'WM_REQUEST_INVALID', 'persona'],
      [{ journey: 'orders', persona: 'nobody' }, 400, 'WM_REQUEST_INVALID', 'persona'],
      [{ journey: 'nowhere', persona: 'pro' }, 404, 'WM_JOURNEY_NOT_FOUND', 'journey'],
      [{ journey: 'orders', persona: 7 }, 400, 'WM_REQUEST_INVALID', 'persona'],
    ])('refuses a persona restriction %j', async (extra, status, code, path) => {
      const answer = await postJson(url, { ...trends, ...extra }, { authorization: server.readAuth });
      expect(answer.status).toBe(status);
      expect(answer.body.error).toMatchObject({ code });
      expect(answer.body.error.path).toBe(path);
    });

    it.each([
      [{ kind: 'magic' }, 'kind'],
      [{ kind: '__proto__' }, 'kind'],
      [{ kind: 'toString' }, 'kind'],
      [{ ...trends, cohort: '' }, 'cohort'],
      [{ ...trends, journey: '', persona: 'x' }, 'journey'],
      [{ ...trends, series: [{ matcher: { event: 'x', where: [{ property: 'n', op: 'in', value: Array.from({ length: 1001 }, (_, i) => i) }] }, measure: 'count' }] }, 'series[0].matcher.where[0].value'],
      [{ ...trends, series: [{ matcher: { event: 'x', where: [{ property: 'n', op: 'not_in', value: [1, { a: 1 }] }] }, measure: 'count' }] }, 'series[0].matcher.where[0].value[1]'],
      [{ ...trends, interval: 'hour', from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'interval'],
      [{ ...trends, from: '2026-05-04T00:00:00+99:99' }, 'from'],
      [{ ...trends, from: '0000-01-01' }, 'from'],
      [{ ...trends, breakdown: { property: '..' } }, 'breakdown.property'],
      [{ ...trends, breakdown: { property: 'plan', limit: 0 } }, 'breakdown.limit'],
      [{ ...trends, breakdown: { property: 'plan', limit: 1001 } }, 'breakdown.limit'],
      [{ ...trends, breakdown: { property: 'plan', limit: 2.5 } }, 'breakdown.limit'],
      [{ ...trends, series: [{ matcher: { event: 'x', where: [{ property: 'items.*', op: 'exists' }] }, measure: 'count' }] }, 'series[0].matcher.where[0].property'],
      [{ ...trends, series: [{ matcher: { event: 'x' }, measure: 'sum', property: 'a..b' }] }, 'series[0].property'],
      [{ ...funnel, holdConstant: ['.'] }, 'holdConstant[0]'],
      [{ kind: 'metric', metric: 'aov', revenueProperty: 'total.', from: trends.from, to: trends.to }, 'revenueProperty'],
      [{}, 'kind'],
      [{ ...trends, interval: 'fortnight' }, 'interval'],
      [{ ...trends, from: 'yesterday' }, 'from'],
      [{ ...trends, to: '2026-05-01T00:00:00Z' }, 'to'],
      [{ ...trends, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...trends, series: [] }, 'series'],
      [{ ...trends, series: [{ matcher: { event: 'x' }, measure: 'avg' }] }, 'series[0].property'],
      [{ ...trends, series: [{ matcher: {}, measure: 'count' }] }, 'series[0].matcher'],
      [{ ...funnel, steps: [{ event: 'a' }, { anyOf: [] }] }, 'steps[1].anyOf'],
      [{ ...funnel, steps: [{ event: 'a' }, { anyOf: [{ event: 'b', where: [{ property: 'k', op: 'gt', value: 'x' }] }] }] }, 'steps[1].anyOf[0].where[0].value'],
      [{ ...trends, series: [{ matcher: { anyOf: [{ event: 'a' }], extra: 1 }, measure: 'count' }] }, 'series[0].matcher.extra'],
      [{ kind: 'paths', anchor: { anyOf: [{ event: 'a' }, { event: 'b', where: [{ property: 'k', op: 'in', value: [] }] }] }, steps: 3, from: trends.from, to: trends.to }, 'anchor.anyOf[1].where[0].value'],
      [{ kind: 'retention', cohortEvent: { anyOf: [] }, returnEvent: { event: 'b' }, interval: 'day', periods: 3, from: trends.from, to: trends.to }, 'cohortEvent.anyOf'],
      [{ kind: 'retention', cohortEvent: { event: 'a' }, returnEvent: { event: 'b' }, interval: 'day', periods: 3, from: trends.from, to: trends.to, personsAt: { cohort: '1999-01-04' } }, 'personsAt.cohort'],
      [{ kind: 'stickiness', matcher: { event: 'a' }, interval: 'week', from: trends.from, to: trends.to, personsAt: { period: '1999-01-04', days: 2 } }, 'personsAt.period'],
      [{ kind: 'lifecycle', matcher: { event: 'a' }, interval: 'week', from: trends.from, to: trends.to, personsAt: { period: '1999-01-04', status: 'new' } }, 'personsAt.period'],
      [{ ...trends, personsAt: { series: 2 } }, 'personsAt.series'],
      [{ ...trends, personsAt: { series: 0, bucket: '2026-05-11' } }, 'personsAt.bucket'],
      [{ ...trends, personsAt: { series: 0, breakdown: 'web' } }, 'personsAt.breakdown'],
      [{ ...trends, breakdown: { property: '$channel' }, personsAt: { series: 0 } }, 'personsAt.breakdown'],
      [{ ...trends, personsAt: { series: -1 } }, 'personsAt.series'],
      [{ ...trends, personsAt: { series: 0, previous: true } }, 'personsAt.previous'],
      [{ ...trends, asOf: '2026-05-05T12:00:00Z' }, 'asOf'],
      [{ ...trends, personsAt: { series: 0 }, personsLimit: -1 }, 'personsLimit'],
      [{ ...trends, personsAt: { series: 0 }, personsLimit: 2.5 }, 'personsLimit'],
      [{ ...trends, personsAt: { series: 0 }, personsLimit: '10' }, 'personsLimit'],
      [{ ...trends, personsAt: { series: 0 }, personsLimit: 1_000_001 }, 'personsLimit'],
      [{ ...trends, compare: true, asOf: 'noon' }, 'asOf'],
      [{ ...trends, compare: true, personsAt: { series: 0, previous: true, bucket: '2026-05-04' } }, 'personsAt.bucket'],
      [{ ...funnel, personsAt: { step: 1, outcome: 'converted', breakdown: 'web' } }, 'personsAt.breakdown'],
      [{ ...funnel, personsAt: { step: 1, outcome: 'converted', bucket: '2026-05-04' } }, 'personsAt.bucket'],
      [{ ...funnel, interval: 'day', personsAt: { step: 1, outcome: 'converted', bucket: '2026-05-11' } }, 'personsAt.bucket'],
      [{ ...funnel, interval: 'day', personsAt: { step: 1, outcome: 'converted', bucket: '' } }, 'personsAt.bucket'],
      [{ kind: 'paths', anchor: { event: 'a' }, steps: 3, from: trends.from, to: trends.to, personsAt: { step: 4, label: 'a' } }, 'personsAt.step'],
      [{ kind: 'paths', anchor: { event: 'a' }, steps: 3, from: trends.from, to: trends.to, personsAt: { step: 1, label: '' } }, 'personsAt.label'],
      [{ kind: 'paths', anchor: { event: 'a' }, steps: 3, from: trends.from, to: trends.to, personsAt: { step: 1 } }, 'personsAt.label'],
      [{ kind: 'paths', anchor: { event: 'a' }, steps: 3, from: trends.from, to: trends.to, personsAt: { step: 0, label: 'a', from: 'a' } }, 'personsAt.from'],
      [{ kind: 'paths', anchor: { event: 'a' }, steps: 3, from: trends.from, to: trends.to, personsAt: { step: 1, label: 'a', from: '' } }, 'personsAt.from'],
      [{ kind: 'lifecycle', matcher: { event: 'a' }, interval: 'week', from: trends.from, to: trends.to, personsAt: { period: '1999-01-04', status: 'gone' } }, 'personsAt.status'],
    ])('refuses %j with a 400 naming %s', async (spec, path) => {
      const answer = await postJson(url, spec, { authorization: server.readAuth });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'WM_REQUEST_INVALID', path });
    });

    it('refuses query-string fields it does not know, naming them', async () => {
      const answer = await postJson(`${url}?queryId=q1&foo=1`, trends, { authorization: server.readAuth });
      expect([answer.status, answer.body.error.code, answer.body.error.path]).toEqual([400, 'WM_REQUEST_INVALID', 'querystring.foo']);
    });

    it('needs a secret key, and cancelling an unknown query is a 404', async () => {
      expect((await postJson(url, trends, { authorization: `Bearer ${server.credentials.writeKey}` })).status).toBe(403);
      const cancel = await postJson(`${server.url}/api/projects/default/queries/nope/cancel`, {}, { authorization: server.readAuth });
      expect(cancel.status).toBe(404);
      expect(cancel.body.error).toMatchObject({ code: 'WM_QUERY_NOT_FOUND', path: 'queryId' });
    });

    it('interrupts a running query in the store when it is cancelled', async () => {
      const controller = new AbortController();
      const started = performance.now();
      // chdb cannot stop a query it has started (a ClickHouse server can): there the query is
      // finite, and the caller must still get its answer at once.
      const sql =
        server.runtime.engine.dialect.name === 'duckdb'
          ? 'SELECT sum(i * i % 7) AS s FROM range(50000000000) t(i)'
          : 'SELECT sum(sipHash64(number) % 7) AS s FROM numbers(200000000)';
      const slow = server.runtime.events.query(sql, controller.signal);
      setTimeout(() => controller.abort(), 200);
      await expect(slow).rejects.toMatchObject({ code: 'WM_QUERY_CANCELLED' });
      expect(performance.now() - started).toBeLessThan(5000);
      // The store still answers afterwards.
      expect(await server.runtime.events.query('SELECT 42 AS x')).toEqual([{ x: 42 }]);
    });

    it('lists the query route in the OpenAPI document', async () => {
      const doc = await getJson(`${server.url}/api/openapi.json`);
      expect(Object.keys(doc.body.paths)).toContain('/api/projects/{project}/query');
    });
  });
});
