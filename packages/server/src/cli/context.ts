import { isWaymarkError, WaymarkError } from '@waymark/core';
import { loadConfig, type Config } from '../config.ts';
import { readCredentials, type Credentials } from '../projects/credentials-file.ts';
import { dataPaths } from '../paths.ts';
import type { Runtime } from '../runtime.ts';
import { callApi, findRunningServer } from './server-client.ts';

/**
 * How a command reaches the data: through the running server's API when one owns the data
 * directory (DuckDB lets one process hold the file), or by opening the stores itself.
 */
export type Target =
  | { readonly kind: 'remote'; readonly url: string; readonly credentials: Credentials | null; readonly config: Config }
  | { readonly kind: 'local'; readonly runtime: Runtime; readonly credentials: Credentials; readonly config: Config };

export async function withTarget<T>(run: (target: Target) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, process.cwd());
  const url = await findRunningServer(config.dataDir);
  if (url) return run({ kind: 'remote', url, credentials: readCredentials(dataPaths(config.dataDir).credentials), config });
  const [{ openRuntime }, { createLogger }] = await Promise.all([import('../runtime.ts'), import('../logger.ts')]);
  const runtime = await openRuntime(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel), { recentIdsOnDemand: true });
  try {
    const { credentials } = await runtime.projects.bootstrap();
    return await run({ kind: 'local', runtime, credentials, config });
  } finally {
    await runtime.close();
  }
}

/** A key for a remote call: the one given, or the default project's from the credentials file. */
export function keyFor(target: Target & { kind: 'remote' }, given: string | undefined, kind: 'writeKey' | 'secretKey', flag: string): string {
  const key = given ?? target.credentials?.[kind];
  if (!key) throw new WaymarkError('WM_CLI_INVALID_OPTION', flag, `the server is running: pass ${flag}`);
  return key;
}

/** The project a remote call names: the one given, or the default project's from the credentials file. */
export const remoteProject = (target: Target & { kind: 'remote' }, given: string | undefined): string => given ?? target.credentials?.projectId ?? 'default';

/** What the API's error fields are called on the command line, for a call made with the key `keyFlag` gave (or the credentials file's). */
export const apiFlags = (keyFlag: '--secret-key' | '--write-key') => ({ authorization: keyFlag, project: '--project' });

/**
 * The write key a remote import sends with. A write key decides the project its events go to, so
 * a `--project` without `--write-key` must name the project of the credentials file's key.
 */
export async function remoteWriteKey(target: Target & { kind: 'remote' }, project: string | undefined, writeKey: string | undefined): Promise<string> {
  const key = keyFor(target, writeKey, 'writeKey', '--write-key');
  if (project === undefined || writeKey !== undefined) return key;
  const secretKey = keyFor(target, undefined, 'secretKey', '--write-key');
  const response = await callApi(`${target.url}/api/projects/${encodeURIComponent(project)}`, { headers: { authorization: `Bearer ${secretKey}` } }, { project: '--project' });
  const { id } = (await response.json()) as { id: string };
  if (id !== target.credentials?.projectId) throw new WaymarkError('WM_CLI_INVALID_OPTION', '--write-key', `the server is running: pass the write key of project "${project}"`);
  return key;
}

/** The project a command on the stores works on: the one given, or the default project. */
export async function localProject(target: Target & { kind: 'local' }, given: string | undefined) {
  try {
    return await target.runtime.projects.requireProject(given ?? target.credentials.projectId);
  } catch (error) {
    if (given !== undefined && isWaymarkError(error) && error.code === 'WM_PROJECT_NOT_FOUND') throw new WaymarkError(error.code, '--project', error.message);
    throw error;
  }
}
