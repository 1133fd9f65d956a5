import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../packages/server/src/testing/test-server.ts';
import { apiFromPage, firstSignIn, mapLoaded, text } from './support/app-page.ts';
import { hasChromium, launchChromium, NO_CHROMIUM } from './support/browser.ts';
import { buildWebApp } from './support/build-web-app.ts';

if (!hasChromium) console.warn(`skipped: ${NO_CHROMIUM}`);

describe.skipIf(!hasChromium)('a project without a map, and a viewer', { timeout: 60_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let owner: Page;

  beforeAll(async () => {
    // No demo: the project starts empty.
    [server] = await Promise.all([startTestServer(), buildWebApp()]);
    browser = await launchChromium();
    owner = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('offers templates to an owner of an empty project and opens the new map', async () => {
    await firstSignIn(owner, server.url, server.owner.email, server.owner.password, 'the owner password 1');
    await owner.getByRole('button', { name: 'SaaS product' }).click();
    await mapLoaded(owner);
    const list = await apiFromPage<{ journeys: { id: string; touchpoints: number }[] }>(owner, 'GET', '/api/projects/default/journeys');
    expect(list.body.journeys).toHaveLength(1);
    expect(new URL(owner.url()).pathname).toBe(`/p/default/map/${list.body.journeys[0]!.id}`);
    expect(await owner.locator('[data-touchpoint]').count()).toBe(list.body.journeys[0]!.touchpoints);
    // No events yet: every count is zero, nothing fails.
    expect(await text(owner, '[data-touchpoint] [data-field=persons]')).toBe('0');
  });

  it('shows a viewer the map and its numbers without any control that changes it', async () => {
    const created = await apiFromPage<{ oneTimePassword: string }>(owner, 'POST', '/api/members', { email: 'viewer@example.com', name: 'Vera Viewer', role: 'viewer' });
    expect(created.status).toBe(201);
    const viewer = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await firstSignIn(viewer, server.url, 'viewer@example.com', created.body.oneTimePassword, 'the viewer password 1');
    await mapLoaded(viewer);
    expect(await viewer.locator('[data-touchpoint]').count()).toBeGreaterThan(0);
    expect(await viewer.getByRole('button', { name: 'Edit map' }).count()).toBe(0);
    await viewer.getByRole('button', { name: 'History' }).click();
    await viewer.getByRole('dialog', { name: 'Version history' }).locator('tbody tr').first().waitFor();
    expect(await viewer.getByRole('button', { name: 'Restore' }).count()).toBe(0);
    await viewer.keyboard.press('Escape');

    await viewer.getByRole('button', { name: 'Sign out' }).click();
    await viewer.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await apiFromPage(viewer, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('keeps a signed-out visitor on the sign-in page whatever the address', async () => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${server.url}/p/default/analyses?kind=funnel`);
    await visitor.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await visitor.locator('[data-touchpoint]').count()).toBe(0);
  });
});
