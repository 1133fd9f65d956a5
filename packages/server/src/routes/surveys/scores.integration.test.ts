import { emotionFromScores } from '@waymark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopMap, surveyDefinition } from '../../testing/survey-fixtures.ts';
import { EVENT_STORES, getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

describe.each(EVENT_STORES)('survey scores on the $name store', ({ env }) => {
  let server: TestServer;
  let api: string;
  const read = () => ({ authorization: server.readAuth });
  const answer = (survey: string, userId: string, answers: unknown[]) => postJson(`${api}/surveys/${survey}/responses`, { userId, answers }, read());

  beforeAll(async () => {
    server = await startTestServer({ env });
    api = `${server.url}/api/projects/default`;
    expect((await postJson(`${api}/journeys`, { map: shopMap() }, read())).status).toBe(201);
    expect((await postJson(`${api}/surveys`, surveyDefinition(), read())).status).toBe(201);
    const csat = surveyDefinition({
      id: 'delivery-csat',
      touchpointId: 'delivery',
      questions: [
        { id: 'csat', type: 'csat', prompt: 'How satisfied are you with the delivery?' },
        { id: 'ces', type: 'ces', prompt: 'How easy was it to get your order?' },
      ],
    });
    expect((await postJson(`${api}/surveys`, csat, read())).status).toBe(201);
    await postJson(`${server.url}/v1/identify`, { userId: 'ann', traits: { plan: 'pro' } }, { authorization: server.writeAuth });

    // NPS 10, 9, 7, 3, 0: two promoters, two detractors of five.
    for (const [user, score] of [['ann', 10], ['u2', 9], ['u3', 7], ['u4', 3], ['u5', 0]] as const) {
      const extra = user === 'u4' ? [{ questionId: 'why', text: 'Terrible, slow and broken checkout.' }] : [];
      expect((await answer('after-checkout', user, [{ questionId: 'nps', score }, ...extra])).status).toBe(200);
    }
    for (let i = 0; i < 8; i++) {
      expect((await postJson(`${server.url}/v1/surveys/after-checkout/shown`, { writeKey: server.credentials.writeKey, anonymousId: `d${i}` })).status).toBe(200);
    }
    // CSAT 5, 4, 2 (two of three satisfied); CES 6 and 3 (mean 4.5).
    await answer('delivery-csat', 'u6', [{ questionId: 'csat', score: 5 }, { questionId: 'ces', score: 6 }]);
    await answer('delivery-csat', 'u7', [{ questionId: 'csat', score: 4 }, { questionId: 'ces', score: 3 }]);
    await answer('delivery-csat', 'u8', [{ questionId: 'csat', score: 2 }]);

    // Older answers, imported with their time, for scores over time.
    const old = (day: string, score: number, i: number) => ({
      type: 'track', userId: `old${i}`, event: 'Survey Answered', timestamp: `${day}T12:00:00Z`, context: { channel: 'survey' },
      properties: { survey_id: 'after-checkout', question_id: 'nps', question_type: 'nps', score, response_id: `old-${i}`, touchpoint_id: 'checkout' },
    });
    const batch = [old('2026-01-05', 10, 1), old('2026-01-06', 2, 2), old('2026-01-14', 9, 3)];
    expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth })).status).toBe(200);
  });
  afterAll(() => server.destroy());

  it('computes NPS with its interval, response rate, per touchpoint and stage', async () => {
    const r = await getJson(`${api}/surveys/after-checkout/scores?journey=shop`, read());
    expect(r.status).toBe(200);
    const o = r.body.overall;
    expect(o.nps).toEqual({ score: 0, promoters: 2, passives: 1, detractors: 2, n: 5, ci: { low: -78.3986, high: 78.3986 } });
    expect(o.responses).toBe(5);
    expect(o.shown).toBe(8);
    expect(o.responseRate).toBe(0.625);
    expect(o.sentiment.negative).toBe(1);
    expect(r.body.byTouchpoint.map((t: any) => [t.touchpointId, t.responses])).toEqual([['checkout', 5]]);
    expect(r.body.byStage.map((s: any) => [s.stageId, s.nps.score])).toEqual([['buy', 0]]);
  });

  it('computes CSAT and CES', async () => {
    const r = await getJson(`${api}/surveys/delivery-csat/scores`, read());
    expect(r.body.overall.csat).toEqual({ score: 66.6667, n: 3 });
    expect(r.body.overall.ces).toEqual({ score: 4.5, n: 2 });
    expect(r.body.overall.responseRate).toBeNull();
    expect(r.body.overall.nps).toBeUndefined();
  });

  it("restricts to a persona's persons, and to a touchpoint", async () => {
    const pro = await getJson(`${api}/surveys/after-checkout/scores?journey=shop&persona=pro`, read());
    expect(pro.body.overall.nps).toMatchObject({ score: 100, n: 1 });
    const ann = await getJson(`${api}/persons/ann`, read());
    const cohort = await postJson(`${api}/cohorts`, { name: 'Ann and u4', persons: [ann.body.personId, (await getJson(`${api}/persons/u4`, read())).body.personId] }, read());
    const inCohort = await getJson(`${api}/surveys/after-checkout/scores?cohort=${cohort.body.id}`, read());
    // Ann gave 10, u4 gave 3: one promoter, one detractor.
    expect(inCohort.body.overall.nps).toMatchObject({ score: 0, n: 2, promoters: 1, detractors: 1 });
    const elsewhere = await getJson(`${api}/surveys/after-checkout/scores?touchpoint=delivery`, read());
    expect(elsewhere.body.overall).toEqual({ responses: 0, shown: 0, responseRate: null, emotion: null });
  });

  it('gives scores per week in a past range', async () => {
    const r = await getJson(`${api}/surveys/after-checkout/scores?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&interval=week`, read());
    expect(r.body.overTime.map((p: any) => [p.period, p.nps.score, p.responses])).toEqual([['2026-01-05', 0, 2], ['2026-01-12', 100, 1]]);
    expect(r.body.overall.nps.n).toBe(3);
  });

  it("gives a journey's voice per touchpoint and stage, with an emotion from the data", async () => {
    const r = await getJson(`${api}/journeys/shop/voice`, read());
    expect(r.status).toBe(200);
    const byId = Object.fromEntries(r.body.touchpoints.map((t: any) => [t.touchpointId, t]));
    expect(Object.keys(byId).sort()).toEqual(['checkout', 'delivery']);
    // (CSAT 66.67 - 50) / 25 = 0.67 and (CES 4.5 - 4) / 1.5 = 0.33: their mean.
    expect(byId.delivery).toMatchObject({ stageId: 'receive', responses: 3, emotion: 0.5, source: 'data', csat: { score: 66.6667 }, ces: { score: 4.5 } });
    expect(byId.checkout.emotion).toBe(emotionFromScores(byId.checkout));
    expect(byId.checkout.emotion).toBeLessThan(0);
    expect(r.body.stages.map((s: any) => s.stageId).sort()).toEqual(['buy', 'receive']);
  });

  it('refuses bad parameters with the field named', async () => {
    const bad = async (query: string, status: number, path: string) => {
      const r = await getJson(`${api}/surveys/after-checkout/scores?${query}`, read());
      expect(r.status, query).toBe(status);
      expect(r.body.error.path, query).toBe(path);
    };
    await bad('interval=year', 400, 'querystring.interval');
    await bad('from=yesterday', 400, 'from');
    await bad('from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 400, 'to');
    await bad('persona=pro', 400, 'persona');
    await bad('journey=shop&persona=nobody', 400, 'persona');
    await bad('journey=nowhere', 404, 'journey');
    await bad('cohort=coh_nope', 404, 'cohort');
    await bad('journey=shop&persona=pro&cohort=coh_nope', 400, 'cohort');
    for (const url of [`${api}/surveys/missing/scores`, `${api}/journeys/nowhere/voice`]) {
      const answer = await getJson(url, read());
      expect([answer.status, answer.body.error], url).toEqual([404, expect.objectContaining({ code: url.includes('voice') ? 'WM_JOURNEY_NOT_FOUND' : 'WM_SURVEY_NOT_FOUND', path: 'id' })]);
    }
    expect((await getJson(`${api}/journeys/shop/voice?to=soon`, read())).body.error.path).toBe('to');
    expect((await getJson(`${api}/surveys/after-checkout/scores`)).status).toBe(401);
  });
});
