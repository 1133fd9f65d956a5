import { readFileSync } from 'node:fs';

/** Waymark's version, from the server package. */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
