import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk } from '../packages/server/src/testing/build-sdk.ts';
import { surveyDefinition } from '../packages/server/src/testing/survey-fixtures.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../packages/server/src/testing/test-server.ts';
import { hasChromium, launchChromium } from './support/browser.ts';
import { startTestShop } from './support/test-shop.ts';

interface StoredEvent {
  event: string;
  anonymousId: string | null;
  sessionId: string | null;
  channel: string;
  properties: Record<string, unknown>;
}

describe.skipIf(!hasChromium)('the survey widget in Chromium', () => {
  let server: TestServer;
  let shop: Awaited<ReturnType<typeof startTestShop>>;
  let browser: Browser;

  beforeAll(async () => {
    await buildSdk();
    server = await startTestServer();
    shop = await startTestShop(server.url, server.credentials.writeKey, 0);
    browser = await launchChromium();
    const created = await postJson(`${server.url}/api/projects/default/surveys`, surveyDefinition(), { authorization: server.readAuth });
    expect(created.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await server?.destroy();
  });

  it('appears after the trigger event only, is answered by keyboard alone, and the answers arrive as survey events of the same visitor', async () => {
    const page = await browser.newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      const { pathname } = new URL(r.url());
      if (pathname.startsWith('/v1/surveys/')) asked.push(pathname);
    });
    const track = (event: string) => page.evaluate((e) => (window as unknown as { waymark: { track(e: string, p: object): void } }).waymark.track(e, { total: 42 }), event);
    await page.goto(`${shop.url}/`, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    // The page view is not the trigger: no survey yet, and no eligibility asked, only the trigger names.
    expect(await page.locator('[data-waymark-survey]').count()).toBe(0);
    // Neither is another custom event: the widget does not ask about it.
    await track('Coupon Applied');
    await page.waitForTimeout(500);
    expect(asked).toEqual(['/v1/surveys/triggers']);

    await track('Order Completed');
    const dialog = page.locator('[data-waymark-survey="after-checkout"] >> role=dialog');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-waymark-survey'))).toBe('after-checkout');

    // Keyboard only: Tab past the close button to the scale, arrows to 4, Enter.
    await page.keyboard.press('Tab'); // close button
    await page.keyboard.press('Tab'); // score 0
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    // A detractor gets the follow-up question (the branching sends promoters straight to the end).
    const text = dialog.locator('textarea');
    await text.waitFor({ state: 'visible' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('The delivery was two days late');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.textContent()).toContain('Thank you');

    const visitor = await page.evaluate(() => localStorage.getItem('wm_anonymous_id'));
    let answers: StoredEvent[] = [];
    await expect
      .poll(
        async () => {
          const events = (await getJson(`${server.url}/api/projects/default/events?limit=200`, { authorization: server.readAuth })).body.events as StoredEvent[];
          answers = events.filter((e) => e.event === 'Survey Answered');
          return answers.length;
        },
        { timeout: 10_000 },
      )
      .toBe(2);
    expect(answers.every((e) => e.channel === 'survey' && e.anonymousId === visitor)).toBe(true);
    const byQuestion = Object.fromEntries(answers.map((e) => [e.properties['question_id'], e.properties]));
    expect(byQuestion['nps']).toMatchObject({ survey_id: 'after-checkout', score: 4, touchpoint_id: 'checkout' });
    expect(byQuestion['why']).toMatchObject({ text: 'The delivery was two days late' });
    expect(byQuestion['why']!['sentiment']).toBeLessThan(0);

    // Shown once: the same trigger again does not bring it back within the frequency cap.
    await track('Order Completed');
    await page.waitForTimeout(2500);
    expect(await page.locator('[data-waymark-survey]').count()).toBe(0);
    // The trigger names were fetched once; eligibility was asked after each trigger event only.
    expect(asked.filter((p) => p === '/v1/surveys/triggers')).toHaveLength(1);
    expect(asked.filter((p) => p === '/v1/surveys/eligible')).toHaveLength(2);
    await page.close();
  });
});
