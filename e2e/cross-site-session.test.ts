import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../packages/server/src/routes/auth/browser-session.ts';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.ts';
import { hasChromium, launchChromium, NO_CHROMIUM } from './support/browser.ts';

if (!hasChromium) console.warn(`skipped: ${NO_CHROMIUM}`);

/**
 * Another page open in the same browser as a signed-in member tries to use the session.
 * 127.0.0.1 on another port is another origin of the same site (the cookie goes along);
 * localhost is another site (SameSite=Lax keeps the cookie home).
 */
describe.skipIf(!hasChromium)('a signed-in browser visiting another page', () => {
  let server: TestServer;
  let attacker: Server;
  let attackerPort: number;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const PASSWORD = 'owner password for the browser';

  const cohortNames = async () => {
    const answer = await fetch(`${server.url}/api/projects/default/cohorts`, { headers: { authorization: server.readAuth } });
    return ((await answer.json()) as { cohorts: { name: string }[] }).cohorts.map((c) => c.name);
  };

  beforeAll(async () => {
    server = await startTestServer();
    await new BrowserSession(server.url).activate(server.owner.email, server.owner.password, PASSWORD);
    attacker = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    // Sign in from Waymark's own origin, as the web app does.
    await page.goto(`${server.url}/healthz`);
    const status = await page.evaluate(async (password) => {
      const response = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-waymark-client': 'web' }, body: JSON.stringify({ email: 'owner@localhost', password }) });
      return response.status;
    }, PASSWORD);
    expect(status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    attacker?.close();
    await server?.destroy();
  });

  /** Runs a fetch from the page; answers the status, or the error when the browser refused to send or show it. */
  const fetchFrom = (url: string, init: { headers: Record<string, string>; mode?: 'cors' | 'no-cors' }) =>
    page.evaluate(
      async ({ url, init }) => {
        try {
          const response = await fetch(url, { method: 'POST', credentials: 'include', body: JSON.stringify({ name: 'forged', persons: ['p1'] }), ...init });
          return { status: response.status, type: response.type };
        } catch (error) {
          return { error: String(error) };
        }
      },
      { url, init },
    );

  it('the session works from Waymark itself (the control)', async () => {
    const answer = await fetchFrom(`${server.url}/api/projects/default/cohorts`, { headers: { 'content-type': 'application/json', 'x-waymark-client': 'web' } });
    expect(answer).toEqual({ status: 201, type: 'basic' });
    expect(await cohortNames()).toEqual(['forged']);
  });

  for (const host of ['127.0.0.1', 'localhost']) {
    it(`a page on ${host}:<other port> cannot send the header (the preflight fails) nor change anything without it`, async () => {
      await page.goto(`http://${host}:${attackerPort}/`);
      const url = `${server.url}/api/projects/default/cohorts`;
      const withHeader = await fetchFrom(url, { headers: { 'content-type': 'application/json', 'x-waymark-client': 'web' } });
      expect(withHeader).toEqual({ error: expect.stringContaining('Failed to fetch') });
      // A simple request needs no preflight and is sent; its answer stays opaque to the page.
      const simple = await fetchFrom(url, { headers: { 'content-type': 'text/plain' }, mode: 'no-cors' });
      expect(simple).toEqual({ status: 0, type: 'opaque' });
      const logout = await page.evaluate((u) => fetch(u, { method: 'POST', credentials: 'include', mode: 'no-cors' }).then(() => 'sent'), `${server.url}/api/auth/logout`);
      expect(logout).toBe('sent');
      expect(await cohortNames()).toEqual(['forged']);
      // Still signed in: the forged sign-out did nothing.
      const cookie = (await context.cookies(server.url)).find((c) => c.name === 'waymark_session')!;
      const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `waymark_session=${cookie.value}` } });
      expect(me.status).toBe(200);
    });
  }
});
