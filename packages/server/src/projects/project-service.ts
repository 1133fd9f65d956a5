import { WaymarkError } from '@waymark/core';
import type { ApiKeyRecord, Project, StateStore } from '../stores/state/state-store.ts';
import { generateKey, newProjectId, parseToken, tokenMatches, type KeyKind } from './api-keys.ts';
import { readCredentials, writeCredentials, type Credentials } from './credentials-file.ts';

/** Who a request is, once its key is checked. */
export interface Principal {
  readonly projectId: string;
  readonly keyId: string;
  readonly kind: KeyKind;
  readonly channel: string | null;
}

export interface IssuedKey {
  readonly record: Omit<ApiKeyRecord, 'hash'>;
  /** The key itself: shown once, stored only as a hash. */
  readonly token: string;
}

/** Projects and their keys: creation, the first-start project, authentication, rotation. */
export class ProjectService {
  readonly #state: StateStore;
  readonly #credentialsFile: string;
  /** Authenticated tokens, so the hot ingestion path skips the hash and the lookup. */
  readonly #principals = new Map<string, Principal>();

  constructor(state: StateStore, credentialsFile: string) {
    this.#state = state;
    this.#credentialsFile = credentialsFile;
  }

  /**
   * On first start, creates the default project with a write key and a secret key and saves
   * them to the credentials file; afterwards returns the saved ones.
   */
  async bootstrap(now = new Date()): Promise<{ credentials: Credentials; created: boolean }> {
    const saved = readCredentials(this.#credentialsFile);
    if (saved && (await this.#state.findProject(saved.projectId))) return { credentials: saved, created: false };
    const project = await this.createProject({ name: 'Default project', slug: 'default' }, now);
    const write = await this.createKey(project.id, 'write', { name: 'Default write key', channel: null }, now);
    const secret = await this.createKey(project.id, 'secret', { name: 'Default secret key', channel: null }, now);
    const credentials = { projectId: project.id, writeKey: write.token, secretKey: secret.token };
    writeCredentials(this.#credentialsFile, credentials);
    return { credentials, created: true };
  }

  async createProject(input: { name: string; slug: string; timeZone?: string }, now = new Date()): Promise<Project> {
    const project: Project = {
      id: newProjectId(),
      slug: input.slug,
      name: input.name,
      timeZone: input.timeZone ?? 'UTC',
      createdAt: now.toISOString(),
    };
    await this.#state.createProject(project);
    return project;
  }

  async requireProject(idOrSlug: string): Promise<Project> {
    const project = await this.#state.findProject(idOrSlug);
    if (!project) throw new WaymarkError('WM_PROJECT_NOT_FOUND', 'project', `no project "${idOrSlug}"`);
    return project;
  }

  async createKey(projectId: string, kind: KeyKind, options: { name: string; channel: string | null }, now = new Date()): Promise<IssuedKey> {
    const key = generateKey(kind);
    const record = { id: key.id, projectId, kind, name: options.name, channel: options.channel, hash: key.hash, createdAt: now.toISOString() };
    await this.#state.insertKey(record);
    const { hash: _hash, ...visible } = record;
    return { record: { ...visible, revokedAt: null }, token: key.token };
  }

  async listKeys(projectId: string): Promise<Omit<ApiKeyRecord, 'hash'>[]> {
    const keys = await this.#state.listKeys(projectId);
    return keys.map(({ hash: _hash, ...rest }) => rest);
  }

  /**
   * Replaces a key with a new one of the same kind, name and channel; the old one stops
   * working at once. If the old key is in the credentials file, the file is updated.
   */
  async rotateKey(projectId: string, keyId: string, now = new Date()): Promise<IssuedKey> {
    const old = await this.#requireKey(projectId, keyId);
    const issued = await this.createKey(projectId, old.kind, { name: old.name, channel: old.channel }, now);
    await this.revokeKey(projectId, keyId, now);
    const saved = readCredentials(this.#credentialsFile);
    if (saved && saved.projectId === projectId) {
      const field = old.kind === 'write' ? 'writeKey' : 'secretKey';
      if (parseToken(saved[field])?.id === keyId) writeCredentials(this.#credentialsFile, { ...saved, [field]: issued.token });
    }
    return issued;
  }

  async revokeKey(projectId: string, keyId: string, now = new Date()): Promise<void> {
    await this.#requireKey(projectId, keyId);
    await this.#state.revokeKey(keyId, now.toISOString());
    for (const [token, principal] of this.#principals) if (principal.keyId === keyId) this.#principals.delete(token);
  }

  /** Checks a presented key; null when it is unknown, revoked or wrong. */
  async authenticate(token: string): Promise<Principal | null> {
    const cached = this.#principals.get(token);
    if (cached) return cached;
    const parsed = parseToken(token);
    if (!parsed) return null;
    const record = await this.#state.findKey(parsed.id);
    if (!record || record.revokedAt !== null || record.kind !== parsed.kind || !tokenMatches(token, record.hash)) return null;
    const principal: Principal = { projectId: record.projectId, keyId: record.id, kind: record.kind, channel: record.channel };
    this.#principals.set(token, principal);
    return principal;
  }

  async #requireKey(projectId: string, keyId: string): Promise<ApiKeyRecord> {
    const key = await this.#state.findKey(keyId);
    if (!key || key.projectId !== projectId) throw new WaymarkError('WM_KEY_NOT_FOUND', 'keyId', `no key "${keyId}" in this project`);
    return key;
  }
}
