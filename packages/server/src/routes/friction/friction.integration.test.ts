import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FRICTION_SETTINGS, frictionPlan, frictionReference, frictionSessionsReference, shapeFriction, simulate, SHOP_JOURNEY, type AnalysisEvent } from '@waymark/core';
import { EVENT_STORES, getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

const SIM = { scenario: 'shop', customers: 1200, days: 30, seed: 7, end: '2025-03-31' } as const;
const FROM = '2025-03-02T00:00:00.000Z';
const TO = '2025-04-01T00:00:00.000Z';

describe.each(EVENT_STORES)('friction on the $name store', ({ env }) => {
  let server: TestServer;
  let api: string;
  let auth: Record<string, string>;
  /** Every stored event, in the store's (timestamp, seq) order, as the reference reads them. */
  let stored: AnalysisEvent[];

  const put = (body: unknown) =>
    fetch(`${api}/settings/friction`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  beforeAll(async () => {
    server = await startTestServer({ env });
    api = `${server.url}/api/projects/default`;
    auth = { authorization: server.readAuth };
    const messages = [...simulate(SIM)];
    for (let i = 0; i < messages.length; i += 400) {
      expect((await postJson(`${server.url}/v1/batch`, { batch: messages.slice(i, i + 400) }, { authorization: server.writeAuth })).status).toBe(200);
    }
    expect((await postJson(`${api}/journeys`, { map: SHOP_JOURNEY }, auth)).status).toBe(201);
    const exported = await fetch(`${api}/export?format=jsonl`, { headers: auth }).then((r) => r.text());
    stored = exported
      .split('\n')
      .filter((l) => l !== '')
      .map((l, seq) => {
        const e = JSON.parse(l) as { personId: string; event: string; timestamp: string; sessionId: string | null; channel: string; properties: unknown };
        const properties = (typeof e.properties === 'string' ? JSON.parse(e.properties) : e.properties) as Record<string, unknown>;
        return { personId: e.personId, event: e.event, timestamp: Date.parse(e.timestamp), sessionId: e.sessionId, channel: e.channel, properties, seq };
      });
  }, 120_000);
  afterAll(() => server.destroy());

  it('stores the signals of the simulated shop as events, named and placed as documented', async () => {
    const rage = await getJson(`${api}/events?event=%24rage_click&limit=1000`, auth);
    expect(rage.status).toBe(200);
    expect(rage.body.events.length).toBeGreaterThan(0);
    for (const e of rage.body.events) {
      expect(e.properties).toMatchObject({ kind: 'rage_click', path: '/checkout/payment', selector: 'button#apply-coupon', threshold: 3 });
      expect(e.properties.source_ids.length).toBeGreaterThanOrEqual(3);
      expect(e.id).toMatch(/^fr_[0-9a-f]{16}$/);
    }
    const slow = await getJson(`${api}/events?event=%24slow_page&limit=1000`, auth);
    expect(slow.body.events.every((e: any) => e.properties.value > e.properties.threshold)).toBe(true);
  });

  it('answers friction per touchpoint and stage exactly as the reference computes it from the stored events', async () => {
    const answer = await getJson(`${api}/friction?journey=shop&from=${FROM}&to=${TO}`, auth);
    expect(answer.status).toBe(200);
    const plan = frictionPlan(SHOP_JOURNEY, Date.parse(FROM), Date.parse(TO));
    const { dataVersion, computedMs, journey, ...result } = answer.body;
    expect(journey).toEqual({ id: 'shop', version: 1 });
    expect(result).toEqual(shapeFriction(plan, frictionReference(stored, plan)));
    const coupon = result.stages.flatMap((s: any) => s.touchpoints).find((t: any) => t.touchpointId === 'coupon');
    expect(coupon.signals.rage_click.sessions).toBeGreaterThan(0);
    expect(coupon.signals.rage_click.rate).toBeCloseTo(coupon.signals.rage_click.sessions / coupon.visits, 5);
    expect(coupon.score).toBeGreaterThan(0);
  });

  it('lists the affected sessions of a touchpoint, newest first, one click from the number', async () => {
    const answer = await getJson(`${api}/friction/sessions?journey=shop&touchpoint=coupon&kind=rage_click&from=${FROM}&to=${TO}&limit=1000`, auth);
    expect(answer.status).toBe(200);
    const plan = frictionPlan(SHOP_JOURNEY, Date.parse(FROM), Date.parse(TO));
    const tp = plan.touchpoints.findIndex((t) => t.id === 'coupon');
    const expected = frictionSessionsReference(stored, plan, tp, 'rage_click', 1000).map((s) => ({ ...s, start: new Date(s.start).toISOString() }));
    expect(answer.body.sessions).toEqual(expected);
    const numbers = await getJson(`${api}/friction?journey=shop&from=${FROM}&to=${TO}`, auth);
    const coupon = numbers.body.stages.flatMap((s: any) => s.touchpoints).find((t: any) => t.touchpointId === 'coupon');
    expect(answer.body.sessions.length).toBe(coupon.signals.rage_click.sessions);
    const starts = answer.body.sessions.map((s: any) => s.start);
    expect([...starts].sort().reverse()).toEqual(starts);
  });

  it("counts only a cohort's friction, as the reference does on their events alone, and lists only their sessions", async () => {
    const plan = frictionPlan(SHOP_JOURNEY, Date.parse(FROM), Date.parse(TO));
    const tp = plan.touchpoints.findIndex((t) => t.id === 'coupon');
    // Every other person who rage-clicked at the coupon, and some who did not.
    const raging = [...new Set(frictionSessionsReference(stored, plan, tp, 'rage_click', 10_000).map((s) => s.personId))];
    expect(raging.length).toBeGreaterThan(1);
    const others = [...new Set(stored.map((e) => e.personId))].filter((p) => !raging.includes(p)).slice(0, 50);
    const members = new Set([...raging.filter((_, i) => i % 2 === 0), ...others]);
    const cohort = await postJson(`${api}/cohorts`, { name: 'half the coupon ragers', persons: [...members] }, auth);
    expect(cohort.status).toBe(201);
    const theirs = stored.filter((e) => members.has(e.personId));

    const answer = await getJson(`${api}/friction?journey=shop&from=${FROM}&to=${TO}&cohort=${cohort.body.id}`, auth);
    expect(answer.status).toBe(200);
    const { dataVersion, computedMs, journey, ...result } = answer.body;
    expect(result).toEqual(shapeFriction(plan, frictionReference(theirs, plan)));
    const coupon = result.stages.flatMap((s: any) => s.touchpoints).find((t: any) => t.touchpointId === 'coupon');
    const everyone = (await getJson(`${api}/friction?journey=shop&from=${FROM}&to=${TO}`, auth)).body.stages.flatMap((s: any) => s.touchpoints).find((t: any) => t.touchpointId === 'coupon');
    expect(coupon.signals.rage_click.sessions).toBeGreaterThan(0);
    expect(coupon.signals.rage_click.sessions).toBeLessThan(everyone.signals.rage_click.sessions);

    const sessions = await getJson(`${api}/friction/sessions?journey=shop&touchpoint=coupon&kind=rage_click&from=${FROM}&to=${TO}&limit=1000&cohort=${cohort.body.id}`, auth);
    expect(sessions.status).toBe(200);
    expect(sessions.body.sessions).toEqual(frictionSessionsReference(theirs, plan, tp, 'rage_click', 1000).map((s) => ({ ...s, start: new Date(s.start).toISOString() })));
    expect(sessions.body.sessions.every((s: any) => members.has(s.personId))).toBe(true);
  });

  it('rejects bad friction queries with the field named', async () => {
    const bad = async (query: string, status: number, path: string) => {
      const answer = await getJson(`${api}/friction${query}`, auth);
      expect(answer.status, query).toBe(status);
      expect(answer.body.error.path, query).toBe(path);
    };
    await bad('', 400, 'querystring.journey');
    await bad('?journey=nope', 404, 'journey');
    await bad('/sessions?journey=nope&touchpoint=coupon', 404, 'journey');
    await bad('?journey=shop&version=77', 404, 'version');
    await bad('?journey=shop&from=yesterday', 400, 'from');
    await bad(`?journey=shop&from=${TO}&to=${FROM}`, 400, 'to');
    await bad('?journey=shop&colour=red', 400, 'querystring.colour');
    await bad('/sessions?journey=shop', 400, 'querystring.touchpoint');
    await bad('/sessions?journey=shop&touchpoint=nope', 400, 'querystring.touchpoint');
    await bad('/sessions?journey=shop&touchpoint=coupon&kind=angry_click', 400, 'querystring.kind');
    await bad('/sessions?journey=shop&touchpoint=coupon&limit=0', 400, 'querystring.limit');
    await bad('?journey=shop&persona=nobody', 400, 'persona');
    await bad('?journey=shop&cohort=nope', 404, 'cohort');
    await bad('?journey=shop&cohort=', 400, 'querystring.cohort');
    await bad('/sessions?journey=shop&touchpoint=coupon&persona=nobody', 400, 'persona');
    await bad('/sessions?journey=shop&touchpoint=coupon&cohort=nope', 404, 'cohort');
    expect((await getJson(`${api}/friction?journey=shop`, { authorization: server.writeAuth })).status).toBe(401);
  });

  it('keeps thresholds per project: defaults, partial changes, bad input rejected whole and nothing half-written', async () => {
    expect(await getJson(`${api}/settings/friction`, auth)).toEqual({ status: 200, body: DEFAULT_FRICTION_SETTINGS });
    const changed = await put({ rageClickMinClicks: 4, slowPageLoadMs: 3000 });
    expect(changed).toEqual({ status: 200, body: { ...DEFAULT_FRICTION_SETTINGS, rageClickMinClicks: 4, slowPageLoadMs: 3000 } });
    for (const [body, path] of [
      [{ rageClickMinClicks: 1 }, 'rageClickMinClicks'],
      [{ uTurnWindowMs: 'fast' }, 'uTurnWindowMs'],
      [{ slowPageLcpMs: 2000, colour: 'red' }, 'colour'],
      [{ slowPageLcpMs: 2000, errorClickWindowMs: 1.5 }, 'errorClickWindowMs'],
    ] as const) {
      const answer = await put(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'WM_REQUEST_INVALID', path });
    }
    expect((await put('[1,2')).status).toBe(400);
    expect((await getJson(`${api}/settings/friction`, auth)).body).toEqual(changed.body);
    const writeOnly = await fetch(`${api}/settings/friction`, { method: 'PUT', headers: { authorization: server.writeAuth, 'content-type': 'application/json' }, body: '{}' });
    expect(writeOnly.status).toBe(401);
  });

  it('applies changed thresholds to events stored afterwards', async () => {
    const clicks = (device: string, n: number, t0: number) =>
      Array.from({ length: n }, (_, i) => ({
        type: 'track',
        event: '$click',
        anonymousId: device,
        messageId: `${device}-${i}`,
        timestamp: new Date(t0 + i * 150).toISOString(),
        properties: { path: '/x', selector: 'button#go', x: 10, y: 10, observed: 'mutation' },
      }));
    expect((await put({ rageClickMinClicks: 4 })).status).toBe(200);
    const t0 = Date.parse('2025-03-20T12:00:00Z');
    expect((await postJson(`${server.url}/v1/batch`, { batch: [...clicks('three', 3, t0), ...clicks('four', 4, t0)] }, { authorization: server.writeAuth })).status).toBe(200);
    const rage = async (person: string) => (await getJson(`${api}/events?event=%24rage_click&person=${person}`, auth)).body.events;
    expect(await rage('three')).toEqual([]);
    const four = await rage('four');
    expect(four).toHaveLength(1);
    expect(four[0].properties).toMatchObject({ value: 4, threshold: 4, source_ids: ['four-0', 'four-1', 'four-2', 'four-3'] });
  });
});
