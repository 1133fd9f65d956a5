import { jsonMergePatch, type ResolvedBatch } from '@waymark/core';

export interface PersonState {
  readonly projectId: string;
  readonly personId: string;
  traits: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  deleted: boolean;
}

/** A project's id (a person id, or an id key such as `a:device`) and what it points to. */
export interface Pointer {
  readonly projectId: string;
  readonly id: string;
  readonly personId: string;
}

/** What the store holds now of the persons a batch touches. */
export interface CurrentPersons {
  readonly persons: readonly PersonState[];
  /** Id keys that point at a person merged away in the batch. */
  readonly identities: readonly Pointer[];
  /** Overrides that point at a person merged away in the batch. */
  readonly overrides: readonly Pointer[];
}

/** The rows a batch writes: the final state of every person, id key and override it changed. */
export interface PersonChanges {
  readonly persons: PersonState[];
  readonly identities: Pointer[];
  readonly overrides: Pointer[];
}

const scoped = (projectId: string, id: string) => `${projectId}\u0000${id}`;

/** The persons whose current rows a batch needs, and the merged-away persons whose pointers move. */
export function touchedPersons(batch: ResolvedBatch): { persons: Map<string, string[]>; mergedAway: Map<string, string[]> } {
  const persons = new Map<string, Set<string>>();
  const mergedAway = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, projectId: string, id: string) => map.set(projectId, (map.get(projectId) ?? new Set()).add(id));
  for (const m of batch.merges) {
    add(persons, m.projectId, m.from);
    add(persons, m.projectId, m.into);
    add(mergedAway, m.projectId, m.from);
  }
  for (const t of batch.traits) add(persons, t.projectId, t.personId);
  const lists = (map: Map<string, Set<string>>) => new Map([...map].map(([p, ids]) => [p, [...ids]]));
  return { persons: lists(persons), mergedAway: lists(mergedAway) };
}

/**
 * Applies a batch's new persons, id links, merges and traits to the current rows, in the
 * order the DuckDB store applies them in SQL: links, then merges (the surviving person keeps
 * its own traits over the merged one's, and the earlier creation time), then traits.
 */
export function personChanges(batch: ResolvedBatch, current: CurrentPersons): PersonChanges {
  const persons = new Map<string, PersonState>();
  const touched = new Set<string>();
  for (const p of current.persons) persons.set(scoped(p.projectId, p.personId), { ...p });
  for (const p of batch.newPersons) {
    const key = scoped(p.projectId, p.personId);
    persons.set(key, { projectId: p.projectId, personId: p.personId, traits: {}, createdAt: p.at, updatedAt: p.at, deleted: false });
    touched.add(key);
  }

  const identities = new Map<string, Pointer>();
  for (const i of current.identities) identities.set(scoped(i.projectId, i.id), i);
  const changedIdentities = new Set<string>();
  for (const l of batch.links) {
    const key = scoped(l.projectId, l.key);
    identities.set(key, { projectId: l.projectId, id: l.key, personId: l.personId });
    changedIdentities.add(key);
  }

  const overrides = new Map<string, Pointer>();
  for (const o of current.overrides) overrides.set(scoped(o.projectId, o.id), o);
  const changedOverrides = new Set<string>();

  for (const m of batch.merges) {
    const repoint = (pointers: Map<string, Pointer>, changed: Set<string>) => {
      for (const [key, pointer] of pointers) {
        if (pointer.projectId === m.projectId && pointer.personId === m.from) {
          pointers.set(key, { ...pointer, personId: m.into });
          changed.add(key);
        }
      }
    };
    repoint(identities, changedIdentities);
    repoint(overrides, changedOverrides);
    const overrideKey = scoped(m.projectId, m.from);
    overrides.set(overrideKey, { projectId: m.projectId, id: m.from, personId: m.into });
    changedOverrides.add(overrideKey);

    const from = persons.get(scoped(m.projectId, m.from));
    const intoKey = scoped(m.projectId, m.into);
    const into = persons.get(intoKey);
    if (from && into) {
      into.traits = jsonMergePatch(from.traits, into.traits);
      into.createdAt = Math.min(into.createdAt, from.createdAt);
      touched.add(intoKey);
    }
    if (from) {
      from.deleted = true;
      touched.add(scoped(m.projectId, m.from));
    }
  }

  for (const t of batch.traits) {
    const key = scoped(t.projectId, t.personId);
    const person = persons.get(key);
    if (!person) continue;
    person.traits = jsonMergePatch(person.traits, t.traits);
    person.updatedAt = Math.max(person.updatedAt, t.at);
    touched.add(key);
  }

  return {
    persons: [...touched].map((key) => persons.get(key)!),
    identities: [...changedIdentities].map((key) => identities.get(key)!),
    overrides: [...changedOverrides].map((key) => overrides.get(key)!),
  };
}
