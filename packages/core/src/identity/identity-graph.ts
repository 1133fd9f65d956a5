import { hash64Base64url } from '../util/hash.ts';

/** What resolving one event changed, for the store to persist with the event. */
export interface IdentityResolution {
  readonly personId: string;
  /** The person this event created, if it is the first seen of them. */
  readonly created: string | null;
  /** New distinct ids (`a:<anonymousId>`, `u:<userId>`) and the person they now belong to. */
  readonly links: readonly { readonly key: string; readonly personId: string }[];
  /** Persons folded into another one: every event and id of `from` now belongs to `into`. */
  readonly merges: readonly { readonly from: string; readonly into: string }[];
}

export interface IdentityInput {
  readonly projectId: string;
  readonly type: string;
  readonly anonymousId: string | null;
  readonly userId: string | null;
  readonly previousId: string | null;
}

/** A new person's id: a hash of the project and the first id they were seen with (11 characters). */
export const personIdFor = (projectId: string, key: string): string => hash64Base64url(`${projectId}\u0000${key}`);

export const anonymousKey = (id: string) => `a:${id}`;
export const userKey = (id: string) => `u:${id}`;

/**
 * The identity graph of every project: which person each anonymous id and user id belongs to.
 *
 * Rules (Segment semantics, with PostHog's guard against merging two known users):
 * - an event with both an anonymous id and a user id links them to one person; if the
 *   anonymous id already had its own, still anonymous, person, that person is merged into
 *   the user's;
 * - an anonymous person that already belongs to another user is never merged (a shared
 *   device): the new user gets a person of their own;
 * - `alias(previousId -> userId)` always merges the previous id's person into the user's.
 *
 * Person ids are derived from the first id a person was seen with, so resolving the same
 * sequence of events always gives the same ids.
 */
export class IdentityGraph {
  readonly #personOf = new Map<string, string>();
  /** The ids of each person (scoped), so a merge moves them without scanning every id. */
  readonly #idsOf = new Map<string, string[]>();
  readonly #identified = new Set<string>();

  /** Loads a persisted link, e.g. on start. */
  load(projectId: string, key: string, personId: string): void {
    this.#set(projectId, key, personId);
  }

  #set(projectId: string, key: string, personId: string): void {
    const scopedKey = scoped(projectId, key);
    this.#personOf.set(scopedKey, personId);
    const scopedPerson = scoped(projectId, personId);
    const ids = this.#idsOf.get(scopedPerson);
    if (ids === undefined) this.#idsOf.set(scopedPerson, [scopedKey]);
    else ids.push(scopedKey);
    if (key.startsWith('u:')) this.#identified.add(scopedPerson);
  }

  get size(): number {
    return this.#personOf.size;
  }

  /** The person an id belongs to, if known. */
  personOf(projectId: string, key: string): string | undefined {
    return this.#personOf.get(scoped(projectId, key));
  }

  resolve(input: IdentityInput): IdentityResolution {
    const { projectId } = input;
    const out: Draft = { personId: '', created: null, links: NONE, merges: NONE };

    if (input.type === 'alias' && input.previousId !== null && input.userId !== null) {
      const uKey = userKey(input.userId);
      const into = this.personOf(projectId, uKey) ?? this.#create(out, projectId, uKey);
      const previous = this.personOf(projectId, userKey(input.previousId)) ?? this.personOf(projectId, anonymousKey(input.previousId));
      if (previous === undefined) this.#link(out, projectId, userKey(input.previousId), into);
      else if (previous !== into) this.#merge(out, projectId, previous, into);
      out.personId = into;
      return out;
    }

    const aKey = input.anonymousId !== null ? anonymousKey(input.anonymousId) : null;
    const uKey = input.userId !== null ? userKey(input.userId) : null;
    const byAnonymous = aKey !== null ? this.personOf(projectId, aKey) : undefined;
    const byUser = uKey !== null ? this.personOf(projectId, uKey) : undefined;

    if (byUser !== undefined) {
      if (aKey !== null && byAnonymous === undefined) this.#link(out, projectId, aKey, byUser);
      else if (byAnonymous !== undefined && byAnonymous !== byUser && !this.#identified.has(scoped(projectId, byAnonymous))) {
        this.#merge(out, projectId, byAnonymous, byUser);
      }
      out.personId = byUser;
    } else if (byAnonymous !== undefined) {
      if (uKey === null) out.personId = byAnonymous;
      else if (this.#identified.has(scoped(projectId, byAnonymous))) out.personId = this.#create(out, projectId, uKey);
      else {
        this.#link(out, projectId, uKey, byAnonymous);
        out.personId = byAnonymous;
      }
    } else {
      const first = uKey ?? aKey;
      if (first === null) throw new Error('an event without anonymousId and userId reached identity resolution');
      out.personId = this.#create(out, projectId, first);
      if (aKey !== null && aKey !== first) this.#link(out, projectId, aKey, out.personId);
    }
    return out;
  }

  #link(out: Draft, projectId: string, key: string, personId: string): void {
    this.#set(projectId, key, personId);
    if (out.links === NONE) out.links = [];
    out.links.push({ key, personId });
  }

  #create(out: Draft, projectId: string, key: string): string {
    const personId = personIdFor(projectId, key);
    this.#link(out, projectId, key, personId);
    out.created = personId;
    return personId;
  }

  #merge(out: Draft, projectId: string, from: string, into: string): void {
    const scopedFrom = scoped(projectId, from);
    const scopedInto = scoped(projectId, into);
    const moved = this.#idsOf.get(scopedFrom) ?? [];
    for (const scopedKey of moved) this.#personOf.set(scopedKey, into);
    this.#idsOf.delete(scopedFrom);
    this.#idsOf.set(scopedInto, [...(this.#idsOf.get(scopedInto) ?? []), ...moved]);
    if (this.#identified.delete(scopedFrom)) this.#identified.add(scopedInto);
    if (out.merges === NONE) out.merges = [];
    out.merges.push({ from, into });
  }
}

/** A resolution being built; most events change nothing and share the empty lists. */
interface Draft {
  personId: string;
  created: string | null;
  links: { key: string; personId: string }[];
  merges: { from: string; into: string }[];
}
const NONE: never[] = [];

const scoped = (projectId: string, key: string) => `${projectId}\u0000${key}`;
