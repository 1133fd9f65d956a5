import type { Role } from '@waymark/core';
import type { Kysely } from 'kysely';
import type { StateTables } from './schema.ts';

export interface MemberRecord {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export interface SessionRecord {
  readonly id: string;
  readonly memberId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string;
}

export type MemberChange = Partial<Pick<MemberRecord, 'name' | 'role' | 'passwordHash' | 'mustChangePassword' | 'disabledAt'>>;

/**
 * Members and their sessions in the StateStore. Built on a Kysely handle, so the same
 * queries run inside a transaction (`new MemberStore(trx)`) when a check and a change must
 * see the same rows.
 */
export class MemberStore {
  readonly #db: Kysely<StateTables>;

  constructor(db: Kysely<StateTables>) {
    this.#db = db;
  }

  async countMembers(): Promise<number> {
    const row = await this.#db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Owners who are not disabled, other than `except`. */
  async countActiveOwners(except?: string): Promise<number> {
    let query = this.#db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'owner').where('disabled_at', 'is', null);
    if (except !== undefined) query = query.where('id', '!=', except);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async insertMember(member: MemberRecord): Promise<void> {
    await this.#db
      .insertInto('members')
      .values({
        id: member.id,
        email: member.email,
        name: member.name,
        role: member.role,
        password_hash: member.passwordHash,
        must_change_password: member.mustChangePassword ? 1 : 0,
        created_at: member.createdAt,
        disabled_at: member.disabledAt,
      })
      .execute();
  }

  async findMember(id: string): Promise<MemberRecord | null> {
    const row = await this.#db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toMember(row) : null;
  }

  /** `email` must already be lower-cased. */
  async findMemberByEmail(email: string): Promise<MemberRecord | null> {
    const row = await this.#db.selectFrom('members').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? toMember(row) : null;
  }

  async listMembers(): Promise<MemberRecord[]> {
    const rows = await this.#db.selectFrom('members').selectAll().orderBy('created_at').orderBy('email').execute();
    return rows.map(toMember);
  }

  async updateMember(id: string, change: MemberChange): Promise<void> {
    const set: Partial<StateTables['members']> = {};
    if (change.name !== undefined) set.name = change.name;
    if (change.role !== undefined) set.role = change.role;
    if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
    if (change.mustChangePassword !== undefined) set.must_change_password = change.mustChangePassword ? 1 : 0;
    if (change.disabledAt !== undefined) set.disabled_at = change.disabledAt;
    if (Object.keys(set).length === 0) return;
    await this.#db.updateTable('members').set(set).where('id', '=', id).execute();
  }

  async deleteMember(id: string): Promise<void> {
    await this.#db.deleteFrom('member_sessions').where('member_id', '=', id).execute();
    await this.#db.deleteFrom('members').where('id', '=', id).execute();
  }

  async insertSession(session: SessionRecord): Promise<void> {
    await this.#db
      .insertInto('member_sessions')
      .values({ id: session.id, member_id: session.memberId, created_at: session.createdAt, expires_at: session.expiresAt, last_used_at: session.lastUsedAt })
      .execute();
  }

  async findSession(id: string): Promise<SessionRecord | null> {
    const row = await this.#db.selectFrom('member_sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, memberId: row.member_id, createdAt: row.created_at, expiresAt: row.expires_at, lastUsedAt: row.last_used_at } : null;
  }

  async touchSession(id: string, lastUsedAt: string, expiresAt: string): Promise<void> {
    await this.#db.updateTable('member_sessions').set({ last_used_at: lastUsedAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.#db.deleteFrom('member_sessions').where('id', '=', id).execute();
  }

  /** Ends a member's sessions, but for the one given (the session that made the change). */
  async deleteSessionsOf(memberId: string, except?: string): Promise<void> {
    let query = this.#db.deleteFrom('member_sessions').where('member_id', '=', memberId);
    if (except !== undefined) query = query.where('id', '!=', except);
    await query.execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.#db.deleteFrom('member_sessions').where('expires_at', '<=', now).execute();
  }
}

const toMember = (r: StateTables['members']): MemberRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  mustChangePassword: r.must_change_password !== 0,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
});
