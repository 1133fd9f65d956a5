import { readFileSync } from 'node:fs';
import { WaymarkError, type ErrorBody } from '@waymark/core';
import { dataPaths } from '../paths.ts';

/** The running server that owns the data directory, if there is one and it answers. */
export async function findRunningServer(dataDir: string): Promise<string | null> {
  let url: string;
  try {
    url = (JSON.parse(readFileSync(dataPaths(dataDir).server, 'utf8')) as { url: string }).url;
  } catch {
    return null;
  }
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return response.ok ? url : null;
  } catch {
    return null;
  }
}

/**
 * Calls the API and turns an error answer back into the WaymarkError it was. `flags` renames the
 * fields the API names to the options the user typed them as (`authorization` is `--secret-key`).
 */
export async function callApi(url: string, init: RequestInit, flags: Readonly<Record<string, string>> = {}): Promise<Response> {
  const response = await fetch(url, init);
  if (response.ok) return response;
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  if (body?.error) throw new WaymarkError(body.error.code, (body.error.path !== null && flags[body.error.path]) || body.error.path, body.error.message);
  throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}`);
}
