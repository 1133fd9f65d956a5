import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymousKey, IdentityGraph, personIdFor, userKey, type IdentityInput, type IdentityResolution } from './identity-graph.ts';

const P = 'p1';
const track = (anonymousId: string | null, userId: string | null = null, projectId = P): IdentityInput => ({ projectId, type: 'track', anonymousId, userId, previousId: null });
const identify = (anonymousId: string | null, userId: string, projectId = P): IdentityInput => ({ projectId, type: 'identify', anonymousId, userId, previousId: null });
const alias = (previousId: string, userId: string, projectId = P): IdentityInput => ({ projectId, type: 'alias', anonymousId: null, userId, previousId });
const personFor = (key: string, projectId = P) => personIdFor(projectId, key);

describe('IdentityGraph', () => {
  it('gives an anonymous visitor a person derived from the first id, and the same one again', () => {
    const graph = new IdentityGraph();
    const first = graph.resolve(track('a1'));
    expect(first).toEqual({ personId: personFor('a:a1'), created: personFor('a:a1'), links: [{ key: 'a:a1', personId: personFor('a:a1') }], merges: [] });
    expect(graph.resolve(track('a1'))).toEqual({ personId: personFor('a:a1'), created: null, links: [], merges: [] });
    expect(graph.personOf(P, anonymousKey('a1'))).toBe(personFor('a:a1'));
  });

  it('keeps the anonymous person when the visitor identifies, linking the user id to it', () => {
    const graph = new IdentityGraph();
    const anon = graph.resolve(track('a1')).personId;
    const identified = graph.resolve(identify('a1', 'u1'));
    expect(identified).toEqual({ personId: anon, created: null, links: [{ key: 'u:u1', personId: anon }], merges: [] });
    expect(graph.resolve(track(null, 'u1')).personId).toBe(anon);
  });

  it('merges an anonymous person into the known user it turns out to be', () => {
    const graph = new IdentityGraph();
    const user = graph.resolve(identify(null, 'u1')).personId; // e.g. signed up on another device
    expect(user).toBe(personFor('u:u1'));
    const anon = graph.resolve(track('a2')).personId;
    expect(anon).not.toBe(user);
    const login = graph.resolve(identify('a2', 'u1'));
    expect(login).toEqual({ personId: user, created: null, links: [], merges: [{ from: anon, into: user }] });
    expect(graph.personOf(P, anonymousKey('a2'))).toBe(user);
    expect(graph.resolve(track('a2')).personId).toBe(user);
  });

  it('creates one person for an event carrying both ids when neither is known', () => {
    const graph = new IdentityGraph();
    const r = graph.resolve(track('a1', 'u1'));
    expect(r.personId).toBe(personFor('u:u1'));
    expect(r.links).toEqual([
      { key: 'u:u1', personId: r.personId },
      { key: 'a:a1', personId: r.personId },
    ]);
    expect(graph.size).toBe(2);
  });

  it('never merges two known users on a shared device', () => {
    const graph = new IdentityGraph();
    const alice = graph.resolve(identify('device', 'alice')).personId;
    const bob = graph.resolve(identify('device', 'bob'));
    expect(bob.personId).toBe(personFor('u:bob'));
    expect(bob.personId).not.toBe(alice);
    expect(bob.merges).toEqual([]);
    expect(bob.created).toBe(bob.personId);
    // The device stays with the first user; bob keeps his own person.
    expect(graph.personOf(P, anonymousKey('device'))).toBe(alice);
    expect(graph.resolve(track('device')).personId).toBe(alice);
    expect(graph.resolve(track('device', 'bob')).personId).toBe(bob.personId);
    expect(graph.resolve(track(null, 'alice')).personId).toBe(alice);
  });

  it('does not merge into a user a device that already belongs to another known user', () => {
    const graph = new IdentityGraph();
    const carol = graph.resolve(identify(null, 'carol')).personId;
    const dave = graph.resolve(identify('tablet', 'dave')).personId;
    const r = graph.resolve(track('tablet', 'carol'));
    expect(r).toEqual({ personId: carol, created: null, links: [], merges: [] });
    expect(graph.personOf(P, anonymousKey('tablet'))).toBe(dave);
  });

  it('alias merges the previous id into the user, even when both are known', () => {
    const graph = new IdentityGraph();
    const anon = graph.resolve(track('a1')).personId;
    const r = graph.resolve(alias('a1', 'u1'));
    expect(r.personId).toBe(personFor('u:u1'));
    expect(r.created).toBe(r.personId);
    expect(r.merges).toEqual([{ from: anon, into: r.personId }]);
    expect(graph.personOf(P, anonymousKey('a1'))).toBe(r.personId);

    const old = graph.resolve(identify(null, 'old-crm-id')).personId;
    const merged = graph.resolve(alias('old-crm-id', 'u1'));
    expect(merged.merges).toEqual([{ from: old, into: r.personId }]);
    expect(graph.personOf(P, userKey('old-crm-id'))).toBe(r.personId);
  });

  it('alias links an unknown previous id to the user', () => {
    const graph = new IdentityGraph();
    const user = graph.resolve(identify(null, 'u1')).personId;
    expect(graph.resolve(alias('legacy-7', 'u1'))).toEqual({ personId: user, created: null, links: [{ key: 'u:legacy-7', personId: user }], merges: [] });
    expect(graph.resolve(alias('legacy-7', 'u1')).merges).toEqual([]);
  });

  it('keeps projects apart', () => {
    const graph = new IdentityGraph();
    const one = graph.resolve(track('a1', null, 'p1')).personId;
    const two = graph.resolve(track('a1', null, 'p2')).personId;
    expect(one).not.toBe(two);
    graph.resolve(identify('a1', 'u1', 'p1'));
    expect(graph.personOf('p2', userKey('u1'))).toBeUndefined();
  });

  it('starts from loaded links as if it had seen the events', () => {
    const graph = new IdentityGraph();
    graph.load(P, 'a:a1', 'person-x');
    graph.load(P, 'u:u1', 'person-x');
    // person-x is identified (it has a user id), so a new user on its device gets its own person.
    const r = graph.resolve(identify('a1', 'u2'));
    expect(r.personId).toBe(personFor('u:u2'));
    expect(graph.resolve(track('a1')).personId).toBe('person-x');
  });

  it('refuses an event without any id', () => {
    expect(() => new IdentityGraph().resolve(track(null, null))).toThrow();
  });
});

// A random stream of calls over a small id space, so ids collide often.
const ANON = ['a0', 'a1', 'a2', 'a3'];
const USERS = ['u0', 'u1', 'u2', 'u3'];
const input: fc.Arbitrary<IdentityInput> = fc.oneof(
  fc
    .record({ type: fc.constantFrom('track', 'identify', 'page'), a: fc.option(fc.constantFrom(...ANON)), u: fc.option(fc.constantFrom(...USERS)) })
    .filter((r) => r.a !== null || r.u !== null)
    .map((r) => ({ projectId: P, type: r.type, anonymousId: r.a, userId: r.u, previousId: null })),
  fc.record({ prev: fc.constantFrom(...ANON, ...USERS), u: fc.constantFrom(...USERS) }).map((r) => alias(r.prev, r.u)),
);

const keysOf = (e: IdentityInput): string[] => [
  ...(e.anonymousId !== null ? [anonymousKey(e.anonymousId)] : []),
  ...(e.userId !== null ? [userKey(e.userId)] : []),
];
/** The id an alias's previousId names: a known user id, else a known anonymous id, else a new user id. */
const previousKey = (graph: IdentityGraph, id: string) =>
  graph.personOf(P, userKey(id)) === undefined && graph.personOf(P, anonymousKey(id)) !== undefined ? anonymousKey(id) : userKey(id);

/** What a store holds after applying each resolution's links and merges, as the event store does. */
function applyToStore(store: Map<string, string>, r: IdentityResolution): void {
  for (const { from, into } of r.merges) for (const [key, person] of store) if (person === from) store.set(key, into);
  for (const { key, personId } of r.links) store.set(key, personId);
}

describe('IdentityGraph properties', () => {
  it('puts every id in exactly one person, keeps ids linked by an event together, and persists consistently', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 40 }), (events) => {
        const graph = new IdentityGraph();
        const store = new Map<string, string>();
        const seen = new Set<string>();
        const together: [string, string][] = [];
        for (const e of events) {
          const identifiedPersons = new Set([...USERS].map((u) => graph.personOf(P, userKey(u))).filter((p) => p !== undefined));
          let linked: [string, string] | null = null;
          if (e.type === 'alias') {
            linked = [previousKey(graph, e.previousId!), userKey(e.userId!)];
          } else if (e.anonymousId !== null && e.userId !== null) {
            const anonPerson = graph.personOf(P, anonymousKey(e.anonymousId));
            if (anonPerson === undefined || !identifiedPersons.has(anonPerson)) linked = [anonymousKey(e.anonymousId), userKey(e.userId)];
          }

          const r = graph.resolve(e);
          applyToStore(store, r);
          for (const key of keysOf(e)) seen.add(key);
          if (e.type === 'alias') seen.add(linked![0]);

          // The event belongs to its user when it names one, else to its device's person.
          const own = e.userId !== null ? userKey(e.userId) : anonymousKey(e.anonymousId!);
          expect(r.personId).toBe(graph.personOf(P, own));
          if (linked) {
            expect(graph.personOf(P, linked[0])).toBe(graph.personOf(P, linked[1]));
            together.push(linked);
          }
        }
        // Once together, always together: merges move whole persons.
        for (const [x, y] of together) expect(graph.personOf(P, x)).toBe(graph.personOf(P, y));
        // Every id seen has exactly one person, and the store built from the resolutions agrees.
        expect(graph.size).toBe(seen.size);
        expect(new Set(store.keys())).toEqual(seen);
        for (const key of seen) expect(store.get(key)).toBe(graph.personOf(P, key));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same person ids for the same events, and resumes identically from what the store holds', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 30 }), fc.array(input, { maxLength: 30 }), (before, after) => {
        const a = new IdentityGraph();
        const b = new IdentityGraph();
        const store = new Map<string, string>();
        for (const e of before) {
          const r = a.resolve(e);
          expect(b.resolve(e)).toEqual(r);
          applyToStore(store, r);
        }
        // A restart: a fresh graph loads the persisted links, then sees the rest.
        const restarted = new IdentityGraph();
        for (const [key, person] of store) restarted.load(P, key, person);
        for (const e of after) expect(restarted.resolve(e)).toEqual(a.resolve(e));
      }),
      { numRuns: 500 },
    );
  });
});
