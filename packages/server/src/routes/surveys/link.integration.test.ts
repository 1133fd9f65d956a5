import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyDefinition } from '../../testing/survey-fixtures.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../../testing/test-server.ts';

describe('survey links for email', () => {
  let server: TestServer;
  let api: string;
  const read = () => ({ authorization: server.readAuth });
  const form = (path: string, fields: [string, string][]) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

  beforeAll(async () => {
    server = await startTestServer();
    api = `${server.url}/api/projects/default`;
    const survey = surveyDefinition({
      id: 'ticket-csat',
      questions: [
        { id: 'csat', type: 'csat', prompt: 'How satisfied are you with our answer?', required: true },
        { id: 'topics', type: 'multiple_choice', prompt: 'What was it about?', choices: ['Billing', 'Delivery', 'Returns & <refunds>'] },
        { id: 'more', type: 'text', prompt: 'Anything else?' },
      ],
    });
    expect((await postJson(`${api}/surveys`, survey, read())).status).toBe(201);
  });
  afterAll(() => server.destroy());

  it('signs a link that renders an accessible form and takes its answers as events of the user', async () => {
    const link = await getJson(`${api}/surveys/ticket-csat/link?userId=${encodeURIComponent('cus 42')}`, read());
    expect(link.status).toBe(200);
    expect(link.body.url).toBeNull();
    expect(link.body.path).toMatch(/^\/s\/[^/]+\/ticket-csat\?u=cus%2042&t=[A-Za-z0-9_-]{43}$/);

    const page = await fetch(`${server.url}${link.body.path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<legend>How satisfied are you with our answer? <span aria-hidden="true">*</span></legend>');
    expect(html.match(/type="radio" name="q_csat"/g)).toHaveLength(5);
    expect(html).toContain('Returns &amp; &lt;refunds&gt;');
    expect(html).not.toContain('<script');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");

    const url = new URL(link.body.path, server.url);
    const t = url.searchParams.get('t')!;
    const done = await form(url.pathname, [['u', 'cus 42'], ['t', t], ['q_csat', '2'], ['q_topics', 'Billing'], ['q_topics', 'Delivery'], ['q_more', '']]);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Thank you');

    const events = (await getJson(`${api}/events?person=${encodeURIComponent('cus 42')}`, read())).body.events as any[];
    const byQuestion = Object.fromEntries(events.map((e) => [e.properties.question_id, e]));
    expect(Object.keys(byQuestion).sort()).toEqual(['csat', 'topics']);
    expect(byQuestion.csat).toMatchObject({ event: 'Survey Answered', channel: 'survey', userId: 'cus 42', properties: { score: 2, touchpoint_id: 'checkout' } });
    expect(byQuestion.topics.properties.choices).toEqual(['Billing', 'Delivery']);
  });

  it('refuses a token for another person or survey, and a missing one, storing nothing', async () => {
    const link = await getJson(`${api}/surveys/ticket-csat/link?userId=ann`, read());
    const url = new URL(link.body.path, server.url);
    const t = url.searchParams.get('t')!;
    const forged = await fetch(`${server.url}${url.pathname}?u=bob&t=${t}`);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('not valid for this person');
    expect((await fetch(`${server.url}${url.pathname}?u=ann`)).status).toBe(403);
    expect((await fetch(`${server.url}/s/default/other-survey?u=ann&t=${t}`)).status).toBe(404);
    expect((await form(url.pathname, [['u', 'bob'], ['t', t], ['q_csat', '1']])).status).toBe(403);

    const offScale = await form(url.pathname, [['u', 'ann'], ['t', t], ['q_csat', '9']]);
    expect(offScale.status).toBe(400);
    expect(await offScale.text()).toContain('role="alert"');
    const events = (await getJson(`${api}/events?person=bob`, read())).body.events ?? [];
    const annEvents = (await getJson(`${api}/events?person=ann`, read())).body.events ?? [];
    expect([...events, ...annEvents]).toEqual([]);
  });

  it('needs a secret key and a user id to make a link', async () => {
    expect((await getJson(`${api}/surveys/ticket-csat/link?userId=ann`)).status).toBe(401);
    const noUser = await getJson(`${api}/surveys/ticket-csat/link`, read());
    expect(noUser.status).toBe(400);
    expect(noUser.body.error.path).toBe('querystring.userId');
    expect((await getJson(`${api}/surveys/missing/link?userId=ann`, read())).status).toBe(404);
  });
});
