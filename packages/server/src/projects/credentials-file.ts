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
  /** The first owner's one-time password, until they choose their own. */
  readonly owner?: OwnerCredentials;
}

export interface OwnerCredentials {
  readonly email: string;
  readonly oneTimePassword: string;
}

export function readCredentials(file: string): Credentials | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>;
    if (typeof parsed.projectId === 'string' && typeof parsed.writeKey === 'string' && typeof parsed.secretKey === 'string') {
      const owner = parsed.owner;
      const keys = { projectId: parsed.projectId, writeKey: parsed.writeKey, secretKey: parsed.secretKey };
      return typeof owner?.email === 'string' && typeof owner.oneTimePassword === 'string' ? { ...keys, owner: { email: owner.email, oneTimePassword: owner.oneTimePassword } } : keys;
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
