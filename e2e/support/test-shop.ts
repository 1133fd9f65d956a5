import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small shop on its own origin, as a customer's site would be: the Waymark snippet in every
 * page, a coupon button that does nothing, a button whose handler throws, a signup form, a
 * single-page-app route change, and a page whose image takes `slowMs` to arrive.
 */
export async function startTestShop(waymarkUrl: string, writeKey: string, slowMs = 2500): Promise<{ url: string; close(): Promise<void> }> {
  const snippet = `<script src="${waymarkUrl}/sdk/waymark.js" data-write-key="${writeKey}" data-replay="1"></script>`;
  const page = (title: string, body: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${snippet}</head><body>${body}</body></html>`;
  const pages: Record<string, string> = {
    '/': page(
      'Test shop',
      `<h1>Test shop</h1>
       <p data-waymark-mask id="account">Signed in as jane@example.com</p>
       <button id="apply-coupon">Apply coupon</button>
       <button id="buggy" onclick="throw new Error('cart total is undefined')">Update cart</button>
       <button id="next-step" onclick="history.pushState({}, '', '/checkout/step-2'); document.querySelector('h1').textContent = 'Step 2'">Continue</button>
       <form id="signup" name="signup" onsubmit="return false">
         <input name="email" type="email" placeholder="Email">
         <input name="phone" type="tel" placeholder="Phone">
         <button type="submit">Sign up</button>
       </form>
       <a id="to-slow" href="/slow">Shipping options</a>`,
    ),
    '/slow': page('Shipping options', `<h1>Shipping options</h1><img src="/slow.png" alt="carrier rates">`),
  };
  // A 1x1 transparent PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    if (path === '/slow.png') {
      setTimeout(() => response.writeHead(200, { 'content-type': 'image/png' }).end(png), slowMs);
      return;
    }
    const html = pages[path] ?? pages['/']!;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
