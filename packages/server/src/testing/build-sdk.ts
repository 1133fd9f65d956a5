import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const SDK = fileURLToPath(new URL('../../../sdk-web/', import.meta.url));

/** Builds the browser SDK into packages/sdk-web/dist, which the server serves at /sdk/waymark.js. */
export async function buildSdk(): Promise<void> {
  await build({ root: SDK, configFile: path.join(SDK, 'vite.config.ts'), logLevel: 'warn' });
}
