import { inSurveySample } from '@waymark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopMap, surveyDefinition } from '../../testing/survey-fixtures.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

describe('survey delivery to the widget', () => {
  let server: TestServer;
  let api: string;
  const read = () => ({ authorization: server.readAuth });
  const eligible = async (body: Record<string, unknown>) => {
    const r = await postJson(`${server.url}/v1/surveys/eligible`, { writeKey: server.credentials.writeKey, path: '/', ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.body.surveys as { id: string }[]).map((s) => s.id);
  };
  const shown = (id: string, body: Record<string, unknown>) => postJson(`${server.url}/v1/surveys/${id}/shown`, { writeKey: server.credentials.writeKey, ...body });
  const ordered = { event: 'Order Completed', properties: { total: 80 } };
  /** Reading a person waits until everything sent before is visible. */
  const visible = () => getJson(`${api}/events?limit=1`, read());

  beforeAll(async () => {
    server = await startTestServer();
    api = `${server.url}/api/projects/default`;
    const create = async (s: Record<string, unknown>) => expect((await postJson(`${api}/surveys`, s, read())).status).toBe(201);
    expect((await postJson(`${api}/journeys`, { map: shopMap() }, read())).status).toBe(201);
    await create(surveyDefinition({ id: 'checkout-nps', targeting: { trigger: { event: { event: 'Order Completed', where: [{ property: 'total', op: 'gt', value: 50 }] } }, sampleRate: 1, frequencyCapDays: 30, pages: ['^/checkout'] } }));
    await create(surveyDefinition({ id: 'draft', status: 'draft', targeting: { trigger: { event: { event: 'Draft Only' } }, sampleRate: 1, frequencyCapDays: 30 } }));
    await create(surveyDefinition({ id: 'at-touchpoint', touchpointId: undefined, targeting: { trigger: { journeyId: 'shop', touchpointId: 'payment' }, sampleRate: 1, frequencyCapDays: 0 } }));
    await create(surveyDefinition({ id: 'half', targeting: { trigger: { event: { event: 'Help Opened' } }, sampleRate: 0.5, frequencyCapDays: 0 } }));
    await create(surveyDefinition({ id: 'pro-only', targeting: { trigger: { event: { event: 'Plan Viewed' } }, segment: { all: [{ property: 'plan', op: 'eq', value: 'pro' }] }, sampleRate: 1, frequencyCapDays: 0 } }));
    const batch = [
      { type: 'identify', userId: 'ann', anonymousId: 'ann-phone', traits: { plan: 'pro' } },
      { type: 'identify', userId: 'bob', traits: { plan: 'free' } },
    ];
    expect((await postJson(`${server.url}/v1/batch`, { batch }, { authorization: server.writeAuth })).status).toBe(200);
    await visible();
  });
  afterAll(() => server.destroy());

  it('offers active surveys whose trigger and page filter match, with only their public part', async () => {
    const r = await postJson(`${server.url}/v1/surveys/eligible`, { writeKey: server.credentials.writeKey, anonymousId: 'v1', event: ordered, path: '/checkout/done' });
    expect(r.body.surveys).toEqual([{ id: 'checkout-nps', questions: surveyDefinition().questions, theme: { accent: '#0a7f5a', position: 'bottom-right' } }]);
    expect(await eligible({ anonymousId: 'v1', event: ordered, path: '/home' })).toEqual([]);
    expect(await eligible({ anonymousId: 'v1', event: { event: 'Order Completed', properties: { total: 20 } }, path: '/checkout' })).toEqual([]);
    expect(await eligible({ anonymousId: 'v1', path: '/checkout' })).toEqual([]);
  });

  it("triggers on a touchpoint's matchers from the journey map", async () => {
    expect(await eligible({ anonymousId: 'v2', event: { event: 'Payment Submitted' } })).toEqual(['at-touchpoint']);
    expect(await eligible({ anonymousId: 'v2', event: { event: 'Checkout Started' } })).toEqual([]);
  });

  it('lists the event names that can trigger an active survey, touchpoints read from the journey map', async () => {
    const triggers = (body: Record<string, unknown>) => postJson(`${server.url}/v1/surveys/triggers`, body);
    const r = await triggers({ writeKey: server.credentials.writeKey });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ events: ['Help Opened', 'Order Completed', 'Payment Submitted', 'Plan Viewed'] });
    expect((await triggers({})).status).toBe(401);
    expect((await triggers({ writeKey: 'wk_nope' })).status).toBe(401);
    const extra = await triggers({ writeKey: server.credentials.writeKey, path: '/' });
    expect(extra.status).toBe(400);
    expect(extra.body.error).toMatchObject({ code: 'WM_REQUEST_INVALID', path: 'path' });
  });

  it('holds a survey back within the frequency cap, across devices once the person is identified', async () => {
    const at = { event: ordered, path: '/checkout' };
    expect(await eligible({ anonymousId: 'laptop', userId: 'cap-user', ...at })).toEqual(['checkout-nps']);
    expect((await shown('checkout-nps', { anonymousId: 'laptop', userId: 'cap-user' })).status).toBe(200);
    expect(await eligible({ anonymousId: 'laptop', ...at })).toEqual([]);
    // Another device, signed in as the same user.
    expect(await eligible({ anonymousId: 'tablet', userId: 'cap-user', ...at })).toEqual([]);
    // A third device, anonymous now but identified as the same user earlier.
    await postJson(`${server.url}/v1/identify`, { userId: 'cap-user', anonymousId: 'phone' }, { authorization: server.writeAuth });
    await visible();
    expect(await eligible({ anonymousId: 'phone', ...at })).toEqual([]);
    // Someone else is not capped; a cap of 0 days never holds back.
    expect(await eligible({ anonymousId: 'stranger', ...at })).toEqual(['checkout-nps']);
    await shown('at-touchpoint', { anonymousId: 'v3' });
    expect(await eligible({ anonymousId: 'v3', event: { event: 'Payment Submitted' } })).toEqual(['at-touchpoint']);
  });

  it('draws the sample deterministically per person and survey', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `visitor-${i}`);
    const first = await Promise.all(ids.map((anonymousId) => eligible({ anonymousId, event: { event: 'Help Opened' } })));
    const second = await Promise.all(ids.map((anonymousId) => eligible({ anonymousId, event: { event: 'Help Opened' } })));
    expect(second).toEqual(first);
    expect(first.map((s) => s.includes('half'))).toEqual(ids.map((id) => inSurveySample('half', id, 0.5)));
    const drawn = first.filter((s) => s.includes('half')).length;
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(30);
  });

  it("offers a segment's survey only to persons in it", async () => {
    const plan = { event: { event: 'Plan Viewed' } };
    expect(await eligible({ anonymousId: 'x', userId: 'ann', ...plan })).toEqual(['pro-only']);
    expect(await eligible({ anonymousId: 'ann-phone', ...plan })).toEqual(['pro-only']);
    expect(await eligible({ anonymousId: 'y', userId: 'bob', ...plan })).toEqual([]);
    expect(await eligible({ anonymousId: 'never-seen', ...plan })).toEqual([]);
  });

  it("offers a cohort's survey only to its persons", async () => {
    const ann = await getJson(`${api}/persons/ann`, read());
    const cohort = await postJson(`${api}/cohorts`, { name: 'Ann only', persons: [ann.body.personId] }, read());
    await postJson(`${api}/surveys`, surveyDefinition({ id: 'cohort-only', targeting: { trigger: { event: { event: 'Cohort Check' } }, cohortId: cohort.body.id, sampleRate: 1, frequencyCapDays: 0 } }), read());
    expect(await eligible({ anonymousId: 'x', userId: 'ann', event: { event: 'Cohort Check' } })).toEqual(['cohort-only']);
    expect(await eligible({ anonymousId: 'y', userId: 'bob', event: { event: 'Cohort Check' } })).toEqual([]);
  });

  it("stores every answer as a Survey Answered event of the person's session, tied to the touchpoint", async () => {
    const key = { writeKey: server.credentials.writeKey };
    expect((await postJson(`${server.url}/v1/track`, { anonymousId: 'dev-9', event: 'Order Completed', properties: { total: 99 } }, { authorization: server.writeAuth })).status).toBe(200);
    expect((await shown('checkout-nps', { anonymousId: 'dev-9', context: { page: { path: '/checkout/done' } } })).status).toBe(200);
    const answered = await postJson(`${server.url}/v1/surveys/checkout-nps/responses`, {
      ...key,
      anonymousId: 'dev-9',
      answers: [{ questionId: 'nps', score: 3 }, { questionId: 'why', text: 'The delivery was late and support never answered, terrible.' }],
      context: { page: { path: '/checkout/done' } },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.responseId).toMatch(/^[0-9a-f-]{36}$/);

    const events = (await getJson(`${api}/events?person=dev-9&limit=10`, read())).body.events as any[];
    const order = events.find((e) => e.event === 'Order Completed');
    const shownEvent = events.find((e) => e.event === 'Survey Shown');
    const answers = events.filter((e) => e.event === 'Survey Answered').sort((a, b) => a.properties.question_id.localeCompare(b.properties.question_id));
    expect(answers).toHaveLength(2);
    for (const e of [shownEvent, ...answers]) {
      expect(e.channel).toBe('survey');
      expect(e.personId).toBe(order.personId);
      expect(e.sessionId).toBe(order.sessionId);
      expect(e.properties.touchpoint_id).toBe('checkout');
    }
    expect(answers[0].properties).toMatchObject({ survey_id: 'checkout-nps', question_id: 'nps', question_type: 'nps', score: 3, response_id: answered.body.responseId });
    expect(answers[1].properties).toMatchObject({ question_id: 'why', question_type: 'text', text: 'The delivery was late and support never answered, terrible.' });
    expect(answers[1].properties.sentiment).toBeLessThan(0);
  });

  it('refuses bad input with the field named, storing nothing', async () => {
    const key = server.credentials.writeKey;
    const count = async () => ((await getJson(`${api}/events?event=Survey%20Answered&limit=1000`, read())).body.events as unknown[]).length;
    const before = await count();
    const missing = await postJson(`${server.url}/v1/surveys/eligible`, { writeKey: key, path: '/' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.path).toBe('anonymousId');
    expect((await postJson(`${server.url}/v1/surveys/eligible`, { anonymousId: 'a', path: '/' })).status).toBe(401);
    expect((await postJson(`${server.url}/v1/surveys/eligible`, { writeKey: 'wk_nope', anonymousId: 'a', path: '/' })).status).toBe(401);

    const respond = (id: string, body: Record<string, unknown>) => postJson(`${server.url}/v1/surveys/${id}/responses`, { writeKey: key, anonymousId: 'bad-1', ...body });
    const offScale = await respond('checkout-nps', { answers: [{ questionId: 'nps', score: 9 }, { questionId: 'why', score: 2 }] });
    expect(offScale.status).toBe(400);
    expect(offScale.body.error).toMatchObject({ code: 'WM_SURVEY_ANSWER_INVALID', path: 'answers[1].score' });
    const unknownQuestion = await respond('checkout-nps', { answers: [{ questionId: 'nps', score: 9 }, { questionId: 'nope', text: 'x' }] });
    expect(unknownQuestion.body.error.path).toBe('answers[1].questionId');
    const tooHigh = await respond('checkout-nps', { answers: [{ questionId: 'nps', score: 11 }] });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.path).toBe('answers.0.score'.replace('.0.', '[0].'));
    const nobody = await postJson(`${server.url}/v1/surveys/checkout-nps/responses`, { writeKey: key, answers: [{ questionId: 'nps', score: 9 }] });
    expect(nobody.body.error.path).toBe('userId');
    expect((await respond('draft', { answers: [{ questionId: 'nps', score: 9 }] })).body.error.code).toBe('WM_SURVEY_NOT_ACTIVE');
    const unknown = await respond('unknown', { answers: [{ questionId: 'nps', score: 9 }] });
    expect([unknown.status, unknown.body.error]).toEqual([404, expect.objectContaining({ code: 'WM_SURVEY_NOT_FOUND', path: 'id' })]);
    const draftShown = await shown('draft', { anonymousId: 'a' });
    expect([draftShown.status, draftShown.body.error]).toEqual([409, expect.objectContaining({ code: 'WM_SURVEY_NOT_ACTIVE', path: 'id' })]);
    expect((await shown('checkout-nps', {})).body.error).toMatchObject({ path: 'anonymousId' });
    expect((await shown('checkout-nps', { anonymousId: 'a', context: 'web' })).body.error).toMatchObject({ path: 'context' });
    expect(await count()).toBe(before);
  });

  it('takes answers from other tools with a secret key, for a user id', async () => {
    const url = `${api}/surveys/checkout-nps/responses`;
    const r = await postJson(url, { userId: 'bob', answers: [{ questionId: 'nps', score: 10 }] }, read());
    expect(r.status).toBe(200);
    const events = (await getJson(`${api}/events?person=bob&event=Survey%20Answered`, read())).body.events as any[];
    expect(events.map((e) => [e.channel, e.userId, e.properties.score])).toEqual([['survey', 'bob', 10]]);
    expect((await postJson(url, { userId: 'bob', answers: [{ questionId: 'nps', score: 10 }] }, { authorization: `Bearer ${server.credentials.writeKey}` })).status).toBe(403);
    const bad = await postJson(url, { userId: 'bob', answers: [{ questionId: 'nps', choice: 'x' }] }, read());
    expect(bad.body.error).toMatchObject({ code: 'WM_SURVEY_ANSWER_INVALID', path: 'answers[0].choice' });
  });
});
