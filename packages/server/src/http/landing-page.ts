/** What `/` shows until the web app is built: where the API and the docs are. */
export const landingPage = (version: string, webAppBuilt = true) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Waymark</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d2433}code{background:#f1f3f7;padding:.1rem .3rem;border-radius:4px}</style>
</head><body>
<h1>Waymark ${version}</h1>
<p>Waymark is running. Send events to <code>POST /v1/batch</code> with your write key, read them at
<code>GET /api/projects/default/events</code> with your secret key, and find every route in
<a href="/api/openapi.json">the OpenAPI document</a>.</p>
<p>Your keys: <code>npx waymark keys</code>.</p>
${webAppBuilt ? '' : '<p><strong>The web app is not built yet.</strong> Run <code>npm run build</code> (or <code>npm start</code>, which builds it first) and reload this page.</p>'}
</body></html>`;
