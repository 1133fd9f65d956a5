import { createHash, randomBytes } from 'node:crypto';
import { WaymarkError, type Role } from '@waymark/core';
import { readCredentials, writeCredentials, type OwnerCredentials } from '../projects/credentials-file.ts';
import type { StateStore } from '../stores/state/state-store.ts';
import { MemberStore, type MemberChange, type MemberRecord } from '../stores/state/member-store.ts';
import { LoginThrottle, ThrottledError } from './login-throttle.ts';
import { decoyHash, generatePassword, hashPassword, verifyPassword } from './password-hash.ts';

/** A member as the API shows them: never the hash. */
export interface Member {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export interface SignedIn {
  readonly member: Member;
  readonly sessionId: string;
  /** Set when this use pushed the session's expiry out: the cookie should be sent again. */
  readonly renewedUntil: Date | null;
}

export const FIRST_OWNER_EMAIL = 'owner@localhost';
export const SESSION_DAYS = 30;
const SESSION_MS = SESSION_DAYS * 86_400_000;
/** A session's expiry slides at most this often, so reads do not each write. */
const RENEW_AFTER_MS = 3_600_000;
export const MIN_PASSWORD_LENGTH = 10;
/** Loose on purpose: `owner@localhost` has no dot, and whether mail arrives is not our check. */
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+$';
export const MAX_NAME_LENGTH = 200;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');
const newMemberId = () => `mem_${randomBytes(9).toString('base64url').replace(/[-_]/g, '').slice(0, 12)}`;

const visible = ({ passwordHash: _hash, ...member }: MemberRecord): Member => member;

/**
 * Member accounts: the first owner, sign-in with throttling, sessions (a random token in a
 * cookie, stored as its sha256), password changes, and the owner's management of members.
 */
export class MemberService {
  readonly #state: StateStore;
  readonly #store: MemberStore;
  readonly #credentialsFile: string;
  readonly #throttle = new LoginThrottle();

  constructor(state: StateStore, credentialsFile: string) {
    this.#state = state;
    this.#store = new MemberStore(state.db);
    this.#credentialsFile = credentialsFile;
  }

  /**
   * When there is no member yet, creates the owner `owner@localhost` with a one-time password
   * kept in the credentials file. Returns the pending one-time password while the owner has
   * not changed it (on every start, so the banner can repeat it), otherwise null.
   */
  async bootstrap(now = new Date()): Promise<OwnerCredentials | null> {
    if ((await this.#store.countMembers()) === 0) {
      const oneTimePassword = generatePassword();
      await this.#store.insertMember({
        id: newMemberId(),
        email: FIRST_OWNER_EMAIL,
        name: 'Owner',
        role: 'owner',
        passwordHash: await hashPassword(oneTimePassword),
        mustChangePassword: true,
        createdAt: now.toISOString(),
        disabledAt: null,
      });
      this.#saveOwner({ email: FIRST_OWNER_EMAIL, oneTimePassword });
      return { email: FIRST_OWNER_EMAIL, oneTimePassword };
    }
    const saved = readCredentials(this.#credentialsFile)?.owner;
    if (!saved) return null;
    const owner = await this.#store.findMemberByEmail(normalizeEmail(saved.email));
    if (owner?.mustChangePassword && (await verifyPassword(saved.oneTimePassword, owner.passwordHash))) return saved;
    this.#saveOwner(null);
    return null;
  }

  /** Checks an email and password and opens a session; the token goes into the cookie. */
  async login(emailGiven: string, password: string, now = new Date()): Promise<{ member: Member; token: string; expiresAt: Date }> {
    const email = normalizeEmail(emailGiven);
    const record = await this.#checkPassword(email, password, now, 'WM_AUTH_BAD_CREDENTIALS');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_MS);
    await this.#store.deleteExpiredSessions(now.toISOString());
    await this.#store.insertSession({ id: sessionId(token), memberId: record.id, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), lastUsedAt: now.toISOString() });
    return { member: visible(record), token, expiresAt };
  }

  /** The member a session token belongs to; null when it is unknown, expired, or its member is disabled. */
  async authenticate(token: string, now = new Date()): Promise<SignedIn | null> {
    const id = sessionId(token);
    const session = await this.#store.findSession(id);
    if (!session) return null;
    if (Date.parse(session.expiresAt) <= now.getTime()) {
      await this.#store.deleteSession(id);
      return null;
    }
    const record = await this.#store.findMember(session.memberId);
    if (!record || record.disabledAt !== null) return null;
    let renewedUntil: Date | null = null;
    if (now.getTime() - Date.parse(session.lastUsedAt) >= RENEW_AFTER_MS) {
      renewedUntil = new Date(now.getTime() + SESSION_MS);
      await this.#store.touchSession(id, now.toISOString(), renewedUntil.toISOString());
    }
    return { member: visible(record), sessionId: id, renewedUntil };
  }

  async logout(token: string): Promise<void> {
    await this.#store.deleteSession(sessionId(token));
  }

  /**
   * Replaces a member's password after checking the current one; ends their other sessions.
   * The first owner's one-time password leaves the credentials file.
   */
  async changePassword(memberId: string, currentSession: string, currentPassword: string, newPassword: string, now = new Date()): Promise<void> {
    const record = await this.#requireMember(memberId);
    await this.#checkPassword(record.email, currentPassword, now, 'WM_AUTH_WRONG_PASSWORD');
    if (newPassword === currentPassword) throw new WaymarkError('WM_REQUEST_INVALID', 'newPassword', 'the new password must differ from the current one');
    await this.#store.updateMember(record.id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
    await this.#store.deleteSessionsOf(record.id, currentSession);
    if (readCredentials(this.#credentialsFile)?.owner?.email === record.email) this.#saveOwner(null);
  }

  async list(): Promise<Member[]> {
    return (await this.#store.listMembers()).map(visible);
  }

  /** Adds a member with a one-time password, which they must change at their first sign-in. */
  async create(input: { email: string; name?: string | undefined; role: Role }, now = new Date()): Promise<{ member: Member; oneTimePassword: string }> {
    const email = normalizeEmail(input.email);
    if (await this.#store.findMemberByEmail(email)) throw new WaymarkError('WM_MEMBER_EMAIL_TAKEN', 'email', `a member already has the email "${email}"`);
    const oneTimePassword = generatePassword();
    const record: MemberRecord = {
      id: newMemberId(),
      email,
      name: input.name?.trim() ?? '',
      role: input.role,
      passwordHash: await hashPassword(oneTimePassword),
      mustChangePassword: true,
      createdAt: now.toISOString(),
      disabledAt: null,
    };
    await this.#store.insertMember(record);
    return { member: visible(record), oneTimePassword };
  }

  /**
   * Renames, changes the role of, disables or re-enables a member. A change that would leave
   * no active owner is refused; the check and the change run in one transaction.
   */
  async update(id: string, change: { name?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined }, now = new Date()): Promise<Member> {
    return this.#state.db.transaction().execute(async (trx) => {
      const store = new MemberStore(trx);
      const record = await store.findMember(id);
      if (!record) throw new WaymarkError('WM_MEMBER_NOT_FOUND', 'id', `no member "${id}"`);
      const stillOwner = (change.role ?? record.role) === 'owner' && !(change.disabled ?? record.disabledAt !== null);
      if (record.role === 'owner' && record.disabledAt === null && !stillOwner && (await store.countActiveOwners(id)) === 0) {
        throw new WaymarkError('WM_MEMBER_LAST_OWNER', change.role !== undefined && change.role !== 'owner' ? 'role' : 'disabled', `${record.email} is the last owner: make another member owner first`);
      }
      const update: MemberChange = {
        ...(change.name !== undefined && { name: change.name.trim() }),
        ...(change.role !== undefined && { role: change.role }),
        // Disabling a disabled member keeps the date they were disabled.
        ...(change.disabled !== undefined && change.disabled !== (record.disabledAt !== null) && { disabledAt: change.disabled ? now.toISOString() : null }),
      };
      await store.updateMember(id, update);
      if (change.disabled) await store.deleteSessionsOf(id);
      return visible((await store.findMember(id))!);
    });
  }

  async remove(id: string): Promise<void> {
    await this.#state.db.transaction().execute(async (trx) => {
      const store = new MemberStore(trx);
      const record = await store.findMember(id);
      if (!record) throw new WaymarkError('WM_MEMBER_NOT_FOUND', 'id', `no member "${id}"`);
      if (record.role === 'owner' && record.disabledAt === null && (await store.countActiveOwners(id)) === 0) {
        throw new WaymarkError('WM_MEMBER_LAST_OWNER', 'id', `${record.email} is the last owner: make another member owner first`);
      }
      await store.deleteMember(id);
    });
  }

  /**
   * Gives a member a new one-time password and ends their sessions: how an operator recovers
   * an account whose password is lost (`waymark members reset-password`).
   */
  async resetPassword(emailGiven: string): Promise<{ member: Member; oneTimePassword: string }> {
    const email = normalizeEmail(emailGiven);
    const record = await this.#store.findMemberByEmail(email);
    if (!record) throw new WaymarkError('WM_MEMBER_NOT_FOUND', 'email', `no member with the email "${email}"`);
    const oneTimePassword = generatePassword();
    await this.#store.updateMember(record.id, { passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true });
    await this.#store.deleteSessionsOf(record.id);
    // The start banner repeats the first owner's one-time password: keep it truthful.
    if (readCredentials(this.#credentialsFile)?.owner?.email === record.email) this.#saveOwner({ email: record.email, oneTimePassword });
    return { member: visible({ ...record, mustChangePassword: true }), oneTimePassword };
  }

  async #checkPassword(email: string, password: string, now: Date, wrong: 'WM_AUTH_BAD_CREDENTIALS' | 'WM_AUTH_WRONG_PASSWORD'): Promise<MemberRecord> {
    const wait = this.#throttle.retryAfter(email, now.getTime());
    if (wait > 0) {
      throw new ThrottledError(Math.ceil(wait / 1000));
    }
    const record = await this.#store.findMemberByEmail(email);
    // An unknown or disabled email costs a hash too, so timing does not tell it from a wrong password.
    const matches = await verifyPassword(password, record && record.disabledAt === null ? record.passwordHash : await decoyHash());
    if (!record || record.disabledAt !== null || !matches) {
      this.#throttle.fail(email, now.getTime());
      throw wrong === 'WM_AUTH_BAD_CREDENTIALS'
        ? new WaymarkError('WM_AUTH_BAD_CREDENTIALS', null, 'the email or the password is wrong')
        : new WaymarkError('WM_AUTH_WRONG_PASSWORD', 'currentPassword', 'the current password is wrong');
    }
    this.#throttle.succeed(email);
    return record;
  }

  async #requireMember(id: string): Promise<MemberRecord> {
    const record = await this.#store.findMember(id);
    if (!record) throw new WaymarkError('WM_MEMBER_NOT_FOUND', 'id', `no member "${id}"`);
    return record;
  }

  #saveOwner(owner: OwnerCredentials | null): void {
    const saved = readCredentials(this.#credentialsFile);
    if (!saved) return;
    const { owner: _old, ...keys } = saved;
    writeCredentials(this.#credentialsFile, owner ? { ...keys, owner } : keys);
  }
}
