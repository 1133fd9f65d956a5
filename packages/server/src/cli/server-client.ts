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

/** Calls the API and turns an error answer back into the WaymarkError it was. */
export async function callApi(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (response.ok) return response;
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  if (body?.error) throw new WaymarkError(body.error.code, body.error.path, body.error.message);
  throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}`);
}
