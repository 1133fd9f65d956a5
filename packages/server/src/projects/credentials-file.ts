import { readFileSync, writeFileSync, renameSync } from 'node:fs';

/**
 * The default project's keys, kept beside the data so that a restart prints the same ones
 * and `waymark keys` works for scripts. The database itself holds only hashes; this file is
 * readable by its owner only, like an SSH key.
 */
export interface Credentials {
  readonly projectId: string;
  readonly writeKey: string;
  readonly secretKey: string;
}

export function readCredentials(file: string): Credentials | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>;
    if (typeof parsed.projectId === 'string' && typeof parsed.writeKey === 'string' && typeof parsed.secretKey === 'string') {
      return { projectId: parsed.projectId, writeKey: parsed.writeKey, secretKey: parsed.secretKey };
    }
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function writeCredentials(file: string, credentials: Credentials): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
