import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const WEB = fileURLToPath(new URL('../../packages/web/', import.meta.url));
const DIST = path.join(WEB, 'dist');
const LOCK = path.join(WEB, '.dist-building');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const fresh = () => {
  const index = path.join(DIST, 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(newestSource(path.join(WEB, 'src')), statSync(path.join(WEB, 'index.html')).mtimeMs, statSync(path.join(WEB, 'vite.config.ts')).mtimeMs);
  return statSync(index).mtimeMs > sources;
};

/**
 * Builds the web app into packages/web/dist, where the server serves it from, as `npm start`
 * does; skipped when the build is newer than every source. Browser test files run in parallel:
 * one builds (under a lock folder) into a fresh folder swapped in at the end, so a server of
 * another file never serves a half-written app.
 */
export async function buildWebApp(): Promise<void> {
  for (let waited = 0; ; waited += 200) {
    if (fresh()) return;
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than a minute was left by a killed run.
      if (waited > 60_000 || Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 60_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    if (fresh()) return;
    const next = path.join(WEB, `.dist-next-${process.pid}`);
    // Vitest sets NODE_ENV=test, which gives React's development build (strict mode's double
    // effects, its warnings): the browser tests test what `npm start` serves. Nothing else here reads it.
    const testEnv = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      await build({ root: WEB, configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn', build: { outDir: next, emptyOutDir: true } });
    } finally {
      process.env['NODE_ENV'] = testEnv;
    }
    const old = path.join(WEB, `.dist-old-${process.pid}`);
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(next, DIST);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
