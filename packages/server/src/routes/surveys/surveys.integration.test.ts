import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyDefinition } from '../../testing/survey-fixtures.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

const npsSurvey = surveyDefinition;

async function send(method: string, url: string, body: unknown, authorization: string) {
  const json = body === undefined ? {} : { headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) };
  const response = await fetch(url, { method, headers: { authorization }, ...json });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('survey management API', () => {
  let server: TestServer;
  let api: string;
  beforeAll(async () => {
    server = await startTestServer();
    api = `${server.url}/api/projects/default/surveys`;
  });
  afterAll(() => server.destroy());
  const auth = () => ({ authorization: server.readAuth });

  it('creates, lists, reads, replaces and deletes a survey', async () => {
    const created = await postJson(api, npsSurvey(), auth());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'after-checkout', status: 'active', touchpointId: 'checkout' });
    expect(typeof created.body.createdAt).toBe('string');

    const generated = await postJson(api, { ...npsSurvey(), id: undefined, name: 'No id given' }, auth());
    expect(generated.status).toBe(201);
    expect(generated.body.id).toMatch(/^srv_[0-9a-f]{12}$/);

    expect((await getJson(api, auth())).body.surveys.map((s: { id: string }) => s.id)).toEqual(['after-checkout', generated.body.id]);
    expect((await getJson(`${api}/after-checkout`, auth())).body.name).toBe('After checkout');

    const paused = await send('PUT', `${api}/after-checkout`, npsSurvey({ status: 'paused', name: 'Paused' }), server.readAuth);
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'paused', name: 'Paused' });

    expect((await send('DELETE', `${api}/${generated.body.id}`, undefined, server.readAuth)).status).toBe(204);
    expect((await getJson(`${api}/${generated.body.id}`, auth())).body.error).toMatchObject({ code: 'WM_SURVEY_NOT_FOUND', path: 'id' });
  });

  it('refuses bad definitions with 400 naming the field, and stores nothing', async () => {
    const before = (await getJson(api, auth())).body.surveys.length;
    const cases: [unknown, string][] = [
      [npsSurvey({ id: 'bad-1', status: 'live' }), 'status'],
      [npsSurvey({ id: 'bad-2', questions: [{ id: 'q', type: 'nps', prompt: 'x', branching: [{ when: { scoreAtMost: 6 }, goTo: 'q' }] }] }), 'questions[0].branching[0].goTo'],
      [npsSurvey({ id: 'bad-3', targeting: { trigger: { event: { event: 'x' } }, sampleRate: 2, frequencyCapDays: 1 } }), 'targeting.sampleRate'],
      [npsSurvey({ id: 'bad-4', questions: [{ id: 'q', type: 'single_choice', prompt: 'x' }] }), 'questions[0].choices'],
      [npsSurvey({ id: 'Bad Id' }), 'id'],
      ['"not an object"', ''],
    ];
    for (const [body, path] of cases) {
      const r = await postJson(api, body, auth());
      expect(r.status, path).toBe(400);
      expect(r.body.error.code, path).toBe('WM_SURVEY_INVALID');
      expect(r.body.error.path ?? '', path).toBe(path);
    }
    expect((await getJson(api, auth())).body.surveys.length).toBe(before);
  });

  it('refuses a taken id (409), a PUT whose id differs from the path, and unknown ids (404)', async () => {
    await postJson(api, npsSurvey({ id: 'taken' }), auth());
    const again = await postJson(api, npsSurvey({ id: 'taken', name: 'Second' }), auth());
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'WM_SURVEY_EXISTS', path: 'id' });
    expect((await getJson(`${api}/taken`, auth())).body.name).toBe('After checkout');

    const mismatch = await send('PUT', `${api}/taken`, npsSurvey({ id: 'other' }), server.readAuth);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.path).toBe('id');
    const badPut = await send('PUT', `${api}/taken`, npsSurvey({ id: 'taken', questions: [] }), server.readAuth);
    expect(badPut.body.error).toMatchObject({ code: 'WM_SURVEY_INVALID', path: 'questions' });
    expect((await getJson(`${api}/taken`, auth())).body.questions).toHaveLength(2);

    for (const answer of [await send('PUT', `${api}/missing`, npsSurvey({ id: 'missing' }), server.readAuth), await send('DELETE', `${api}/missing`, undefined, server.readAuth)]) {
      expect([answer.status, answer.body.error]).toEqual([404, expect.objectContaining({ code: 'WM_SURVEY_NOT_FOUND', path: 'id' })]);
    }
  });

  it('needs a secret key or a session: write keys and no key are refused', async () => {
    expect((await getJson(api)).status).toBe(401);
    const withWriteKey = await postJson(api, npsSurvey({ id: 'by-write-key' }), { authorization: `Bearer ${server.credentials.writeKey}` });
    expect(withWriteKey.status).toBe(403);
  });
});
