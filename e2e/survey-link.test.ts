import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyDefinition } from '../packages/server/src/testing/survey-fixtures.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../packages/server/src/testing/test-server.ts';
import { hasChromium, launchChromium, NO_CHROMIUM } from './support/browser.ts';

describe.skipIf(!hasChromium)(`a survey link in a real browser${hasChromium ? '' : ` (skipped: ${NO_CHROMIUM})`}`, () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const survey = surveyDefinition({
      id: 'support-csat',
      questions: [
        { id: 'csat', type: 'csat', prompt: 'How satisfied are you with our help?', required: true },
        { id: 'topic', type: 'single_choice', prompt: 'What was it about?', choices: ['Billing', 'Delivery'] },
        { id: 'more', type: 'text', prompt: 'Anything else?' },
      ],
    });
    expect((await postJson(`${server.url}/api/projects/default/surveys`, survey, { authorization: server.readAuth })).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('is answered with the keyboard and labels alone, without script, and stores the answers', async () => {
    const link = await getJson(`${server.url}/api/projects/default/surveys/support-csat/link?userId=cus-7`, { authorization: server.readAuth });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}${link.body.path}`);

    // Every question is a named group a screen reader announces.
    await expect(page.getByRole('group', { name: /How satisfied are you with our help/ }).isVisible()).resolves.toBe(true);
    // The first score takes focus with Tab; arrow keys move along the scale.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('radio', { name: 'Delivery' }).check();
    await page.getByRole('textbox', { name: 'Anything else?' }).fill('Quick and kind.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await context.close();

    const events = (await getJson(`${server.url}/api/projects/default/events?person=cus-7`, { authorization: server.readAuth })).body.events as any[];
    const answers = Object.fromEntries(events.map((e) => [e.properties.question_id, e.properties]));
    expect(answers['csat'].score).toBe(4);
    expect(answers['topic'].choice).toBe('Delivery');
    expect(answers['more'].text).toBe('Quick and kind.');
    expect(typeof answers['more'].sentiment).toBe('number');
  }, 60_000);
});
