import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTestServer, type TestServer } from '../packages/server/src/testing/test-server.ts';
import { hasChromium, launchChromium, NO_CHROMIUM } from './support/browser.ts';
import { buildSdk } from '../packages/server/src/testing/build-sdk.ts';
import { startTestShop } from './support/test-shop.ts';

interface StoredEvent {
  event: string;
  type: string;
  anonymousId: string | null;
  sessionId: string | null;
  timestamp: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

describe.skipIf(!hasChromium)('the browser SDK in Chromium, on a shop of another origin', () => {
  let server: TestServer;
  let shop: Awaited<ReturnType<typeof startTestShop>>;
  let browser: Browser;
  let events: StoredEvent[] = [];

  beforeAll(async () => {
    await buildSdk();
    server = await startTestServer();
    shop = await startTestShop(server.url, server.credentials.writeKey);
    browser = await launchChromium();

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${shop.url}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { rrweb?: unknown }).rrweb !== undefined);
    // A visitor who gets nothing from the coupon button clicks it again and again.
    for (let i = 0; i < 4; i++) await page.click('#apply-coupon', { delay: 10 });
    await page.waitForTimeout(1100); // nothing happened in the second after: dead clicks
    await page.click('#buggy');
    await page.fill('input[name=email]', 'jane@example.com');
    await page.click('input[name=phone]');
    await page.waitForTimeout(300);
    // ...then moves on without finishing the form: a route change in the single-page app.
    await page.click('#next-step');
    await page.waitForTimeout(1200); // the clicks' one-second observation ends
    await page.goto(`${shop.url}/slow`, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    // Leaving for another site hides the page, which sends what is left (web vitals, the last
    // chunk of the recording) by beacon. (Closing the tab does too; but in one CI run nothing the
    // closed page handed over arrived, while leaving it keeps the page alive until it has.)
    await page.goto('about:blank');
    await page.close();
    expect(errors).toEqual(['cart total is undefined']);

    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const answer = await getJson(`${server.url}/api/projects/default/events?limit=1000`, { authorization: server.readAuth });
      events = answer.body.events as StoredEvent[];
      if (events.some((e) => e.event === '$web_vitals') && events.some((e) => e.event === '$slow_page') && events.filter((e) => e.event === '$page').length >= 3) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await server?.destroy();
  });

  const named = (name: string) => events.filter((e) => e.event === name);

  it('records page views, including the route change of the single-page app and the slow page load', () => {
    const pages = named('$page').map((e) => e.properties['path']).reverse();
    expect(pages).toEqual(['/', '/checkout/step-2', '/slow']);
    const slow = named('$page').find((e) => e.properties['path'] === '/slow')!;
    expect(slow.properties['load_time_ms']).toBeGreaterThanOrEqual(2500);
    expect(slow.context['library']).toMatchObject({ name: '@waymark/sdk-web' });
    expect(slow.context['channel']).toBe('web');
  });

  it('records clicks with selector, text, position and what the page did afterwards', () => {
    const coupon = named('$click').filter((e) => e.properties['selector'] === '#apply-coupon');
    expect(coupon).toHaveLength(4);
    expect(coupon.map((e) => [e.properties['observed'], e.properties['text']])).toEqual(Array(4).fill(['none', 'Apply coupon']));
    expect(coupon.every((e) => typeof e.properties['x'] === 'number' && typeof e.properties['y'] === 'number')).toBe(true);
    const times = coupon.map((e) => Date.parse(e.timestamp)).sort();
    expect(times[3]! - times[0]!).toBeLessThan(1000); // a burst: what the server calls rage clicks
    const next = named('$click').find((e) => e.properties['selector'] === '#next-step')!;
    expect(next.properties['observed']).toBe('page_change');
  });

  it('records the JS error that followed a click', () => {
    const [error] = named('$exception');
    expect(error!.properties).toMatchObject({ message: expect.stringContaining('cart total is undefined'), path: '/' });
    const click = named('$click').find((e) => e.properties['selector'] === '#buggy')!;
    expect(Date.parse(error!.timestamp) - Date.parse(click.timestamp)).toBeLessThan(1000);
  });

  it('records form fields without their values, and the abandoned form with its last field', () => {
    const focus = named('$form_field_focus').map((e) => e.properties['field']);
    expect(focus).toEqual(expect.arrayContaining(['email', 'phone']));
    expect(named('$form_field_change').find((e) => e.properties['field'] === 'email')!.properties).toMatchObject({ form: 'signup', filled: true });
    const [abandon] = named('$form_abandon');
    expect(abandon!.properties).toMatchObject({ form: 'signup', last_field: 'phone', fields_touched: 2, path: '/' });
    expect(JSON.stringify(events)).not.toContain('jane@example.com');
  });

  it('sends web vitals when the page is hidden', () => {
    const [vitals] = named('$web_vitals');
    expect(vitals!.properties['path']).toBe('/slow');
    expect(vitals!.properties['ttfb_ms']).toEqual(expect.any(Number));
    expect(vitals!.properties['fcp_ms']).toEqual(expect.any(Number));
  });

  it('finds the friction as the events arrive: rage and dead clicks on the coupon button, the error click, the abandoned field, the slow page', () => {
    const [rage] = named('$rage_click');
    expect(rage!.properties).toMatchObject({ selector: '#apply-coupon', path: '/' });
    expect(rage!.properties['value']).toBeGreaterThanOrEqual(3);
    expect(named('$rage_click')).toHaveLength(1); // one signal per burst
    expect(named('$dead_click').every((e) => e.properties['selector'] === '#apply-coupon')).toBe(true);
    expect(named('$dead_click').length).toBeGreaterThan(0);
    expect(named('$error_click')[0]!.properties).toMatchObject({ selector: '#buggy' });
    expect(named('$form_abandon_field').map((e) => [e.properties['form'], e.properties['field']])).toContainEqual(['signup', 'phone']);
    const slow = named('$slow_page');
    expect(slow.map((e) => e.properties['path'])).toContain('/slow');
    expect(slow.find((e) => e.properties['path'] === '/slow')!.properties['value']).toBeGreaterThanOrEqual(2500);
    // Signals belong to the session of the events that raised them.
    const session = named('$click').find((e) => e.properties['selector'] === '#apply-coupon')!.sessionId;
    expect(rage!.sessionId).toBe(session);
  });

  it("sends the recording's snapshot of the page at once, not when the visitor leaves", async () => {
    const page = await browser.newPage();
    // Sooner than the first chunk would go on its own (every 5 s).
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/replay') && r.method() === 'POST', { timeout: 4_500 });
    await page.goto(`${shop.url}/?visitor=snapshot`, { waitUntil: 'load' });
    const request = await sent;
    const body = request.headers()['content-encoding'] === 'gzip' ? gunzipSync(request.postDataBuffer()!) : request.postDataBuffer()!;
    const chunk = JSON.parse(body.toString('utf8')) as { sequence: number; events: { type: number }[] };
    expect(chunk.sequence).toBe(0);
    expect(chunk.events.map((e) => e.type)).toContain(2);
    expect((await request.response())?.status()).toBe(200);
    await page.close();
  });

  it('keeps one anonymous id across pages, and records the session for replay with text masked', async () => {
    expect(new Set(events.map((e) => e.anonymousId)).size).toBe(1);
    const session = named('$page').find((e) => e.properties['path'] === '/')!.sessionId!;
    const replay = await getJson(`${server.url}/api/projects/default/sessions/${session}/replay`, { authorization: server.readAuth });
    expect(replay.status).toBe(200);
    const types = new Set((replay.body.events as { type: number }[]).map((e) => e.type));
    expect(types.has(2)).toBe(true); // a full snapshot of the page
    expect(types.has(3)).toBe(true); // incremental changes: clicks, the route change
    expect(JSON.stringify(replay.body.events)).not.toContain('jane@example.com');
    expect(replay.body.timeline.map((e: { event: string }) => e.event)).toContain('$click');
  });
});

describe.skipIf(!hasChromium)('the browser SDK when the network or the visitor says no', () => {
  let server: TestServer;
  let shop: Awaited<ReturnType<typeof startTestShop>>;
  let browser: Browser;

  beforeAll(async () => {
    await buildSdk();
    server = await startTestServer();
    shop = await startTestShop(server.url, server.credentials.writeKey, 0);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await server?.destroy();
  });

  const stored = async () => (await getJson(`${server.url}/api/projects/default/events?limit=1000`, { authorization: server.readAuth })).body.events as StoredEvent[];

  it('keeps events captured offline and sends them once the browser is back online', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${shop.url}/`, { waitUntil: 'load' });
    await page.waitForTimeout(1500); // the first page view is sent
    const before = (await stored()).length;
    await context.setOffline(true);
    await page.evaluate(() => (window as unknown as { waymark: { track(e: string, p: object): void } }).waymark.track('Offline Note', { n: 1 }));
    await page.waitForTimeout(1500);
    expect((await stored()).length).toBe(before);
    const queued = await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith('wm_queue_'))?.[1] ?? '');
    expect(queued).toContain('Offline Note');
    await context.setOffline(false);
    await expect.poll(async () => (await stored()).filter((e) => e.event === 'Offline Note').length, { timeout: 10_000 }).toBe(1);
    await context.close();
  });

  it('captures and stores nothing when the browser sends Global Privacy Control, or after an opt-out', async () => {
    // Each visitor's pages carry a marker in their URL: what other tests' pages send late cannot be mistaken for theirs.
    const fromVisitor = async (marker: string) => (await stored()).filter((e) => JSON.stringify(e.context).includes(marker));
    const private_ = await browser.newContext();
    await private_.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }));
    const page = await private_.newPage();
    await page.goto(`${shop.url}/?visitor=gpc`, { waitUntil: 'load' });
    await page.click('#apply-coupon');
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('wm_')))).toEqual([]);
    await private_.close();

    const context = await browser.newContext();
    const optedOut = await context.newPage();
    await optedOut.goto(`${shop.url}/?visitor=optout`, { waitUntil: 'load' });
    await optedOut.evaluate(() => (window as unknown as { waymark: { optOut(): void } }).waymark.optOut());
    await optedOut.click('#apply-coupon');
    await optedOut.reload({ waitUntil: 'load' });
    await optedOut.click('#apply-coupon');
    await optedOut.waitForTimeout(1500);
    await context.close();
    await new Promise((r) => setTimeout(r, 1000));
    // The opt-out also dropped the first page view, still waiting to be sent.
    expect(await fromVisitor('visitor=gpc')).toEqual([]);
    expect(await fromVisitor('visitor=optout')).toEqual([]);
    // The same page without either does send (the markers would be found).
    const control = await browser.newPage();
    await control.goto(`${shop.url}/?visitor=control`, { waitUntil: 'load' });
    await control.close({ runBeforeUnload: true });
    await expect.poll(async () => (await fromVisitor('visitor=control')).length, { timeout: 10_000 }).toBeGreaterThan(0);
  });
});
