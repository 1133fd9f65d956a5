// npm run bench:map — how long the demo shop's living map takes to show its numbers in Chromium,
// on the full first-start demo (20,000 customers, 90 days): from navigation to every touchpoint's
// numbers on screen, median of 5 loads with the server's cache cleared by new data, against the
// same page's own shell (the app loaded without the map's numbers) as the baseline.
import { hasChromium, launchChromium, NO_CHROMIUM } from '../e2e/support/browser.ts';
import { buildWebApp } from '../e2e/support/build-web-app.ts';
import { firstSignIn, mapLoaded } from '../e2e/support/app-page.ts';
import { yesterdayUtc } from '../packages/server/src/demo/generate-demo.ts';
import { seedDemo } from '../packages/server/src/demo/seed-demo.ts';
import { postJson, startTestServer } from '../packages/server/src/testing/test-server.ts';
import { benchOptions, median, wholeNumber } from './support.ts';

const customers = wholeNumber('customers', benchOptions({ customers: '20000' }).customers);
if (!hasChromium) throw new Error(NO_CHROMIUM);
await buildWebApp();
const server = await startTestServer();
const seeded = performance.now();
await seedDemo(server.runtime, server.credentials.projectId, () => undefined, { scenario: 'shop', customers, days: 90, seed: 1, end: yesterdayUtc() });
const events = await server.runtime.events.countEvents(server.credentials.projectId);
console.log(`demo: ${events.toLocaleString('en-US')} events of ${customers.toLocaleString('en-US')} customers, loaded in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`);

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await firstSignIn(page, server.url, server.owner.email, server.owner.password, 'a long bench password');
await mapLoaded(page);
const touchpoints = await page.locator('[data-touchpoint]').count();

const runs: { total: number; shell: number }[] = [];
for (let i = 0; i < 5; i++) {
  // New data makes every cached answer stale: each load computes the numbers.
  await postJson(`${server.url}/v1/track`, { userId: `bench-${i}`, event: 'Bench Ping' }, { authorization: server.writeAuth });
  await server.runtime.pipeline.waitVisible();
  const started = Date.now();
  await page.goto(`${server.url}/`, { waitUntil: 'domcontentloaded' });
  await page.locator('nav[aria-label=Main]').waitFor();
  const shell = Date.now() - started;
  await mapLoaded(page);
  runs.push({ total: Date.now() - started, shell });
}
console.log('touchpoints | app shell ms | map with numbers ms | numbers ms (map - shell)');
console.log('----------- | ------------ | ------------------- | ------------------------');
const total = median(runs.map((r) => r.total));
const shell = median(runs.map((r) => r.shell));
console.log(`${String(touchpoints).padStart(11)} | ${String(shell).padStart(12)} | ${String(total).padStart(19)} | ${String(total - shell).padStart(24)}`);
await browser.close();
await server.destroy();
