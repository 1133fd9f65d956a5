import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertPayload } from './alert-payload.ts';
import { sendEmail, sendWebhook } from './notify.ts';

const payload: AlertPayload = {
  alertId: 'alr_1:evt_1',
  projectId: 'proj_1',
  rule: { id: 'alr_1', name: 'Detractors' },
  event: { id: 'evt_1', event: 'Survey Answered', channel: 'survey', timestamp: '2026-05-01T10:00:00.000Z', sessionId: 's1', properties: { score: 2 } },
  person: { personId: 'p1', userId: 'u1', anonymousId: null, link: '/p/default/people/p1' },
  sessions: ['s1'],
  timeline: [],
};

describe('sendWebhook', () => {
  let server: Server;
  let url: string;
  const answers: number[] = [];
  const received: { path: string; body: unknown; alertId: string | undefined }[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ path: request.url!, body: JSON.parse(body), alertId: request.headers['x-waymark-alert-id'] as string | undefined });
        response.statusCode = answers.shift() ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const options = { retryDelaysMs: [10, 10, 10], timeoutMs: 2_000, mail: null };

  it('retries 5xx and 429 until the receiver takes it', async () => {
    received.length = 0;
    answers.push(503, 429);
    expect(await sendWebhook(`${url}/hook`, payload, options)).toEqual({ ok: true, attempts: 3, error: null });
    expect(received).toHaveLength(3);
    expect(received[2]).toEqual({ path: '/hook', body: payload, alertId: 'alr_1:evt_1' });
  });

  it('does not retry an answer that will not change, and gives up after the last retry', async () => {
    received.length = 0;
    answers.push(410);
    expect(await sendWebhook(`${url}/gone`, payload, options)).toEqual({ ok: false, attempts: 1, error: 'HTTP 410' });
    answers.push(500, 500, 500, 500);
    expect(await sendWebhook(`${url}/down`, payload, options)).toEqual({ ok: false, attempts: 4, error: 'HTTP 500' });
    expect(received).toHaveLength(5);
  });

  it('retries when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await sendWebhook(`http://127.0.0.1:${port}/`, payload, { ...options, retryDelaysMs: [5] });
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts).toBe(2);
  });

  it('stops retrying at once when the server stops, saying so', async () => {
    received.length = 0;
    answers.push(503);
    const stopping = new AbortController();
    const started = performance.now();
    const pending = sendWebhook(`${url}/down`, payload, { ...options, retryDelaysMs: [60_000], signal: stopping.signal });
    setTimeout(() => stopping.abort(), 200);
    const outcome = await pending;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(outcome).toEqual({ ok: false, attempts: 1, error: 'the server stopped before the alert was delivered (last error: HTTP 503)' });
    expect(received).toHaveLength(1);
  });

  it('records an email alert as failed when no SMTP server is configured', async () => {
    expect(await sendEmail('cx@example.com', payload, options)).toEqual({ ok: false, attempts: 0, error: 'no SMTP server is configured (WAYMARK_SMTP_URL)' });
  });
});
