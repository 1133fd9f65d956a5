// npm run bench:sdk — the browser SDK's bundle sizes, and its main-thread cost per 1,000
// autocaptured interactions in Chromium (clicks and form fields), against the same page
// without the SDK in the same run; with session replay recording, too.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { hasChromium, launchChromium, NO_CHROMIUM } from '../e2e/support/browser.ts';
import { sdkFiles } from '../packages/server/src/routes/sdk/routes.ts';
import { buildSdk } from '../packages/server/src/testing/build-sdk.ts';
import { fmt, median } from './support.ts';

if (!hasChromium) throw new Error(NO_CHROMIUM);
await buildSdk();
const files = sdkFiles();
const sdk = readFileSync(files.sdk, 'utf8');
const rrweb = readFileSync(files.rrweb, 'utf8');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('Waymark browser SDK benchmark\n');
console.log('bundle                         |      raw |  gzipped');
console.log('------------------------------ | -------- | --------');
console.log(`waymark.js (capture, no replay) | ${kb(sdk.length).padStart(8)} | ${kb(gzipSync(sdk).length).padStart(8)}`);
console.log(`rrweb.js (loaded for replay)    | ${kb(rrweb.length).padStart(8)} | ${kb(gzipSync(rrweb).length).padStart(8)}\n`);

// One origin serves the page, the SDK and a sink for its batches (answered at once, not stored).
let received = 0;
const server = http.createServer((request, response) => {
  const url = request.url ?? '/';
  if (url.startsWith('/sdk/')) return response.writeHead(200, { 'content-type': 'text/javascript' }).end(url.includes('rrweb') ? rrweb : sdk);
  if (url.startsWith('/v1/')) {
    request.on('data', (chunk: Buffer) => (received += chunk.length));
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(url.includes('settings') ? '{"enabled":false}' : '{"success":true}'));
    return;
  }
  const mode = new URL(url, 'http://x').searchParams.get('mode');
  const snippet = mode === 'none' ? '' : `<script src="/sdk/waymark.js" data-write-key="wk_bench" ${mode === 'replay' ? 'data-replay="1"' : ''}></script>`;
  const buttons = Array.from({ length: 50 }, (_, i) => `<div class="card"><h3>Product ${i}</h3><button class="add" data-i="${i}">Add to cart</button></div>`).join('');
  response
    .writeHead(200, { 'content-type': 'text/html' })
    .end(`<!doctype html><html><head><title>bench</title>${snippet}</head><body><main>${buttons}</main><form name="f"><input name="a"><input name="b"><select name="c"><option>x</option></select></form></body></html>`);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await launchChromium();
/** Main-thread ms for `n` interactions: clicks on buttons, and focus/change/blur on fields, in turn. */
async function interactions(mode: 'none' | 'sdk' | 'replay', n: number): Promise<number> {
  const page = await browser.newPage();
  await page.goto(`${origin}/?mode=${mode}`, { waitUntil: 'load' });
  if (mode === 'replay') await page.waitForFunction(() => 'rrweb' in window);
  const ms = await page.evaluate((count) => {
    const buttons = [...document.querySelectorAll('button')];
    const fields = [...document.querySelectorAll('input, select')] as HTMLInputElement[];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      if (i % 2 === 0) buttons[i % buttons.length]!.click();
      else {
        const field = fields[i % fields.length]!;
        field.focus();
        field.value = field.tagName === 'SELECT' ? field.value : `v${i}`;
        field.dispatchEvent(new Event('change', { bubbles: true }));
        field.blur();
      }
    }
    return performance.now() - started;
  }, n);
  // The clicks' one-second observers and the sends happen after the loop: wait for them so the next run starts clean.
  await page.waitForTimeout(1500);
  await page.close();
  return ms;
}

console.log('interactions | page alone ms | with SDK ms | SDK ms per 1,000 | with SDK + replay ms | SDK + replay ms per 1,000 | ratio to page alone');
console.log('------------ | ------------- | ----------- | ---------------- | -------------------- | ------------------------ | -------------------');
for (const n of [1_000, 5_000]) {
  const runs = { none: [] as number[], sdk: [] as number[], replay: [] as number[] };
  for (let r = 0; r < 5; r++) for (const mode of ['none', 'sdk', 'replay'] as const) runs[mode].push(await interactions(mode, n));
  const [alone, withSdk, withReplay] = [median(runs.none), median(runs.sdk), median(runs.replay)];
  console.log(
    `${fmt(n).padStart(12)} | ${alone.toFixed(1).padStart(13)} | ${withSdk.toFixed(1).padStart(11)} | ${(((withSdk - alone) * 1000) / n).toFixed(1).padStart(16)} | ${withReplay.toFixed(1).padStart(20)} | ${(((withReplay - alone) * 1000) / n).toFixed(1).padStart(24)} | ${(withSdk / alone).toFixed(2).padStart(19)}`,
  );
}
console.log(`\n(the SDK sent ${kb(received)} to the sink over all runs)`);
await browser.close();
server.close();
