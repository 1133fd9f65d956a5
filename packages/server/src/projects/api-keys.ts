import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const KEY_KINDS = ['write', 'secret'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];
export const isKeyKind = (value: unknown): value is KeyKind => (KEY_KINDS as readonly unknown[]).includes(value);

const PREFIX: Record<KeyKind, string> = { write: 'wm_wk', secret: 'wm_sk' };

export interface GeneratedKey {
  readonly id: string;
  readonly kind: KeyKind;
  /** Shown once; only its hash is stored. */
  readonly token: string;
  readonly hash: string;
}

const base62 = (bytes: Buffer) => bytes.toString('base64url').replace(/[-_]/g, '').slice(0, 32);

/** A key reads `wm_sk_<id>_<secret>`: the id finds the row, the secret is checked by hash. */
export function generateKey(kind: KeyKind): GeneratedKey {
  const id = base62(randomBytes(12)).slice(0, 12);
  const token = `${PREFIX[kind]}_${id}_${base62(randomBytes(32))}`;
  return { id, kind, token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function parseToken(token: string): { kind: KeyKind; id: string } | null {
  const m = /^wm_(wk|sk)_([A-Za-z0-9]{6,32})_[A-Za-z0-9]{16,64}$/.exec(token);
  if (!m) return null;
  return { kind: m[1] === 'wk' ? 'write' : 'secret', id: m[2]! };
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const newProjectId = () => `proj_${base62(randomBytes(12)).slice(0, 12)}`;
