import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyDefinition } from '../../testing/survey-fixtures.ts';
import { EVENT_STORES, getJson, postJson, startTestServer, tempDataDir, type TestServer } from '../../testing/test-server.ts';

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(EVENT_STORES)('closed-loop alerts on the $name store', ({ env: storeEnv }) => {
  let server: TestServer;
  let api: string;
  let hooks: Server;
  let hookUrl: string;
  let smtp: SMTPServer;
  const dataDir = tempDataDir();
  const posts: { path: string; body: any }[] = [];
  const mails: { to: string[]; text: string }[] = [];
  const read = () => ({ authorization: server.readAuth });
  let env: Record<string, string>;

  beforeAll(async () => {
    hooks = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        posts.push({ path: request.url!, body: JSON.parse(body) });
        // A receiver that is down: every alert to it fails and is retried.
        response.statusCode = request.url === '/down' ? 503 : 200;
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    env = { ...storeEnv, WAYMARK_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, WAYMARK_PUBLIC_URL: 'https://waymark.example.com', WAYMARK_MAIL_FROM: 'alerts@example.com' };
    server = await startTestServer({ dataDir, env });
    api = `${server.url}/api/projects/default`;
    expect((await postJson(`${api}/surveys`, surveyDefinition(), read())).status).toBe(201);
  });
  afterAll(async () => {
    await server.destroy();
    await new Promise<void>((resolve) => hooks.close(() => resolve()));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('alerts a webhook and an email once for a low score and a negative support ticket, with the timeline', async () => {
    // An answer from before the rule exists never alerts.
    await postJson(`${api}/surveys/after-checkout/responses`, { userId: 'earlier', answers: [{ questionId: 'nps', score: 0 }] }, read());
    await getJson(`${api}/events?limit=1`, read());

    const detractors = await postJson(
      `${api}/alert-rules`,
      { name: 'Detractors after checkout', when: { survey: { surveyId: 'after-checkout', scoreAtMost: 6 } }, notify: [{ webhook: `${hookUrl}/detractors` }, { email: 'cx@example.com' }] },
      read(),
    );
    expect(detractors.status).toBe(201);
    expect(detractors.body).toMatchObject({ id: expect.stringMatching(/^alr_/), name: 'Detractors after checkout', when: { survey: { scoreAtMost: 6 } } });
    const angry = await postJson(`${api}/alert-rules`, { name: 'Angry support', when: { text: { channel: 'support', sentiment: 'negative' } }, notify: [{ webhook: `${hookUrl}/support` }] }, read());
    expect(angry.status).toBe(201);

    const track = (body: Record<string, unknown>) => postJson(`${server.url}/v1/track`, body, { authorization: server.writeAuth });
    await track({ anonymousId: 'dev-a', event: 'Order Completed', properties: { total: 80 } });
    const key = { writeKey: server.credentials.writeKey, anonymousId: 'dev-a' };
    expect((await postJson(`${server.url}/v1/surveys/after-checkout/responses`, { ...key, answers: [{ questionId: 'nps', score: 3 }] })).status).toBe(200);
    expect((await postJson(`${server.url}/v1/surveys/after-checkout/responses`, { ...key, answers: [{ questionId: 'nps', score: 9 }] })).status).toBe(200);
    await track({ userId: 'tess', event: 'Ticket Created', context: { channel: 'support' }, properties: { text: 'This is terrible, my order is broken and nobody helps me.' } });
    await track({ userId: 'tess', event: 'Ticket Created', context: { channel: 'support' }, properties: { text: 'Thanks a lot, great and friendly help!' } });

    await until(() => posts.length >= 2 && mails.length >= 1);
    await pause(1_500);
    expect(posts.map((p) => p.path).sort()).toEqual(['/detractors', '/support']);
    expect(mails).toHaveLength(1);

    const alert = posts.find((p) => p.path === '/detractors')!.body;
    expect(alert.rule).toEqual({ id: detractors.body.id, name: 'Detractors after checkout' });
    expect(alert.event).toMatchObject({ event: 'Survey Answered', channel: 'survey', properties: { survey_id: 'after-checkout', score: 3 } });
    expect(alert.alertId).toBe(`${detractors.body.id}:${alert.event.id}`);
    expect(alert.person.anonymousId).toBe('dev-a');
    expect(alert.person.link).toBe(`https://waymark.example.com/p/default/people/${encodeURIComponent(alert.person.personId)}`);
    expect(alert.timeline.map((e: any) => e.event)).toContain('Order Completed');
    expect(alert.timeline.length).toBeLessThanOrEqual(20);
    expect(alert.sessions).toEqual([alert.event.sessionId]);

    const ticket = posts.find((p) => p.path === '/support')!.body;
    expect(ticket.event.properties.text).toContain('terrible');
    expect(mails[0]!.to).toEqual(['cx@example.com']);
    expect(mails[0]!.text).toContain('Subject: [Waymark] Detractors after checkout');
    expect(mails[0]!.text).toContain('Order Completed');

    const deliveries = await getJson(`${api}/alert-rules/${detractors.body.id}/deliveries`, read());
    expect(deliveries.body.deliveries).toMatchObject([{ eventId: alert.event.id, status: 'delivered', attempts: 2, error: null }]);
  });

  it('does not send an alert again after a restart', async () => {
    const before = posts.length;
    await server.stop();
    server = await startTestServer({ dataDir, env });
    api = `${server.url}/api/projects/default`;
    await pause(1_500);
    expect(posts.length).toBe(before);
    await postJson(`${api}/surveys/after-checkout/responses`, { userId: 'after-restart', answers: [{ questionId: 'nps', score: 1 }] }, read());
    await until(() => posts.length === before + 1);
    await pause(1_000);
    expect(posts.length).toBe(before + 1);
  });

  it('manages rules: read, replace, delete, with bad input refused and nothing written', async () => {
    const base = `${api}/alert-rules`;
    const created = await postJson(base, { name: 'Low CSAT', when: { survey: { scoreAtMost: 2 } }, notify: [{ email: 'lead@example.com' }] }, read());
    const url = `${base}/${created.body.id}`;
    expect((await getJson(url, read())).body.name).toBe('Low CSAT');
    const put = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...read() }, body: JSON.stringify({ name: 'Very low CSAT', enabled: false, when: { survey: { scoreAtMost: 1 } }, notify: [{ email: 'lead@example.com' }] }) });
    expect(put.status).toBe(200);
    expect((await getJson(url, read())).body).toMatchObject({ name: 'Very low CSAT', enabled: false });

    const count = async () => (await getJson(base, read())).body.rules.length;
    const before = await count();
    const bad: [unknown, string][] = [
      [{ name: 'x', when: { survey: { scoreAtMost: 6 } } }, 'notify'],
      [{ name: 'x', when: { survey: { scoreAtMost: 60 } }, notify: [{ email: 'a@b.c' }] }, 'when.survey.scoreAtMost'],
      [{ name: 'x', when: { text: { sentiment: 'furious' } }, notify: [{ email: 'a@b.c' }] }, 'when.text.sentiment'],
      [{ name: 'x', when: { weather: {} }, notify: [{ email: 'a@b.c' }] }, 'when'],
      [{ name: '', when: { survey: {} }, notify: [{ email: 'a@b.c' }] }, 'name'],
    ];
    for (const [body, path] of bad) {
      const r = await postJson(base, body, read());
      expect(r.status, path).toBe(400);
      expect(r.body.error, path).toMatchObject({ code: 'WM_ALERT_RULE_INVALID', path });
    }
    const badHook = await postJson(base, { name: 'x', when: { survey: {} }, notify: [{ webhook: 'ftp://x' }] }, read());
    expect(badHook.status).toBe(400);
    expect(badHook.body.error.path).toMatch(/^notify\[0\]/);
    const replace = async (to: string, body: unknown) => {
      const answer = await fetch(to, { method: 'PUT', headers: { 'content-type': 'application/json', ...read() }, body: JSON.stringify(body) });
      return [answer.status, ((await answer.json()) as { error: { code: string; path: string } }).error];
    };
    expect(await replace(url, { name: 'x' })).toEqual([400, expect.objectContaining({ code: 'WM_ALERT_RULE_INVALID', path: 'when' })]);
    const good = { name: 'x', when: { survey: {} }, notify: [{ email: 'a@b.c' }] };
    expect(await replace(`${base}/alr_nope`, good)).toEqual([404, expect.objectContaining({ code: 'WM_ALERT_RULE_NOT_FOUND', path: 'id' })]);
    expect((await getJson(url, read())).body.name).toBe('Very low CSAT');
    expect(await count()).toBe(before);

    expect((await fetch(url, { method: 'DELETE', headers: read() })).status).toBe(204);
    expect((await getJson(url, read())).body.error).toMatchObject({ code: 'WM_ALERT_RULE_NOT_FOUND', path: 'id' });
    const again = await fetch(url, { method: 'DELETE', headers: read() });
    expect([again.status, ((await again.json()) as { error: { path: string } }).error.path]).toEqual([404, 'id']);
    expect((await getJson(base)).status).toBe(401);
  });

  it('does not hold up other alerts while one receiver is down, and ends its retries when the server stops', async () => {
    const rule = (name: string, path: string) =>
      postJson(`${api}/alert-rules`, { name, when: { survey: { surveyId: 'after-checkout', scoreAtMost: 2 } }, notify: [{ webhook: `${hookUrl}${path}` }] }, read());
    const down = await rule('To a receiver that is down', '/down');
    const up = await rule('To a receiver that is up', '/up');
    expect([down.status, up.status]).toEqual([201, 201]);
    const started = Date.now();
    await postJson(`${api}/surveys/after-checkout/responses`, { userId: 'very-unhappy', answers: [{ questionId: 'nps', score: 0 }] }, read());
    // The first retry to /down waits a second, the next five: /up is not behind them.
    await until(() => posts.some((p) => p.path === '/up'), 5_000);
    const upDeliveries = await getJson(`${api}/alert-rules/${up.body.id}/deliveries`, read());
    expect(upDeliveries.body.deliveries).toMatchObject([{ status: 'delivered', attempts: 1 }]);
    await until(() => posts.filter((p) => p.path === '/down').length >= 2);
    expect((await getJson(`${api}/alert-rules/${down.body.id}/deliveries`, read())).body.deliveries).toMatchObject([{ status: 'sending' }]);
    expect(Date.now() - started).toBeLessThan(6_000);

    const stopping = Date.now();
    await server.stop();
    expect(Date.now() - stopping).toBeLessThan(3_000);
    server = await startTestServer({ dataDir, env });
    api = `${server.url}/api/projects/default`;
    const [failed] = (await getJson(`${api}/alert-rules/${down.body.id}/deliveries`, read())).body.deliveries;
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.error).toContain('the server stopped before the alert was delivered (last error: HTTP 503)');
    for (const r of [down, up]) expect((await fetch(`${api}/alert-rules/${r.body.id}`, { method: 'DELETE', headers: read() })).status).toBe(204);
  });
});
