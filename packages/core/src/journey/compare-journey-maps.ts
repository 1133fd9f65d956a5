import type { JourneyMap } from './journey-map.schema.ts';

export const JOURNEY_CHANGE_KINDS = ['added', 'removed', 'changed'] as const;
export type JourneyChangeKind = (typeof JOURNEY_CHANGE_KINDS)[number];

export const JOURNEY_ENTITIES = ['map', 'goal', 'persona', 'stage', 'touchpoint', 'kpi', 'card'] as const;
export type JourneyEntity = (typeof JOURNEY_ENTITIES)[number];

/**
 * One difference between two versions of a map. `id` is the entity's id; a KPI's is
 * `<touchpointId>:<kpiId>` (KPI ids are unique only within their touchpoint), the goal's is
 * `goal` and the map's is the map id. `fields` lists what changed, `position` included when
 * a stage, touchpoint or card moved.
 */
export interface JourneyChange {
  readonly kind: JourneyChangeKind;
  readonly entity: JourneyEntity;
  readonly id: string;
  readonly stageId?: string;
  readonly fields?: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * What changed from one version of a journey map to another, entity by entity: map fields,
 * the goal, personas, stages, touchpoints, KPIs, lane cards, in that order, each in the order
 * of the newer map (removed ones after, in the order of the older map). Entities are matched
 * by id, so a renamed touchpoint is `changed`, a touchpoint given a new id is removed + added.
 *
 * @example
 * compareJourneyMaps(v1, v2)
 * // [{ kind: 'changed', entity: 'touchpoint', id: 'cart', stageId: 'consideration', fields: ['name'], before: {...}, after: {...} }]
 */
export function compareJourneyMaps(before: JourneyMap, after: JourneyMap): JourneyChange[] {
  const changes: JourneyChange[] = [];
  const mapFields = changedFields(pick(before, ['id', 'name', 'description']), pick(after, ['id', 'name', 'description']));
  if (mapFields.length > 0) {
    changes.push({ kind: 'changed', entity: 'map', id: after.id, fields: mapFields, before: pick(before, mapFields), after: pick(after, mapFields) });
  }
  const goalFields = changedFields(before.goal, after.goal);
  if (goalFields.length > 0) changes.push({ kind: 'changed', entity: 'goal', id: 'goal', fields: goalFields, before: before.goal, after: after.goal });

  changes.push(...diffById('persona', listed(before.personas), listed(after.personas)));
  changes.push(...diffById('stage', listed(before.stages.map(withoutTouchpoints)), listed(after.stages.map(withoutTouchpoints))));
  const touchpoints = (map: JourneyMap) => listed(map.stages.flatMap((s) => s.touchpoints.map((t) => withoutKpis(t))), (t) => t.stageId);
  changes.push(...diffById('touchpoint', touchpoints(before), touchpoints(after)));
  const kpis = (map: JourneyMap) =>
    listed(
      map.stages.flatMap((s) => s.touchpoints.flatMap((t) => t.kpis.map((k) => ({ key: `${t.id}:${k.id}`, stageId: s.id, value: k })))),
      (k) => k.stageId,
    );
  changes.push(...diffById('kpi', kpis(before), kpis(after)));
  changes.push(...diffById('card', listed(before.lanes, (c) => c.stageId), listed(after.lanes, (c) => c.stageId)));
  return changes;
}

interface Entry {
  readonly id: string;
  readonly position: number;
  readonly stageId: string | undefined;
  readonly value: Record<string, unknown>;
}

/** Entities by id, with their position (moving one is a change too). KPIs come wrapped with their composite key. */
function listed<T extends object>(items: readonly T[], stageOf?: (item: T) => string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  items.forEach((item, position) => {
    const wrapped = item as { key?: string; value?: Record<string, unknown>; id?: string };
    const isWrapped = typeof wrapped.key === 'string' && wrapped.value !== undefined;
    const id = isWrapped ? wrapped.key! : String(wrapped.id);
    const value = isWrapped ? wrapped.value! : (item as Record<string, unknown>);
    out.set(id, { id, position, stageId: stageOf?.(item), value });
  });
  return out;
}

function diffById(entity: JourneyEntity, before: Map<string, Entry>, after: Map<string, Entry>): JourneyChange[] {
  const changes: JourneyChange[] = [];
  const at = (e: Entry) => (e.stageId === undefined ? {} : { stageId: e.stageId });
  for (const next of after.values()) {
    const prev = before.get(next.id);
    if (!prev) {
      changes.push({ kind: 'added', entity, id: next.id, ...at(next), after: next.value });
      continue;
    }
    const fields = changedFields(prev.value, next.value);
    // Only a move relative to the others counts: inserting one stage shifts the rest without moving them.
    if (relativePosition(before, prev) !== relativePosition(after, next) && !fields.includes('stageId')) fields.push('position');
    if (fields.length > 0) changes.push({ kind: 'changed', entity, id: next.id, ...at(next), fields, before: prev.value, after: next.value });
  }
  for (const prev of before.values()) {
    if (!after.has(prev.id)) changes.push({ kind: 'removed', entity, id: prev.id, ...at(prev), before: prev.value });
  }
  // Kept entities compared by their order among the entities both versions share.
  function relativePosition(side: Map<string, Entry>, entry: Entry): number {
    const other = side === before ? after : before;
    let n = 0;
    for (const e of side.values()) {
      if (e.id === entry.id) return n;
      if (other.has(e.id)) n++;
    }
    return n;
  }
  return changes;
}

const withoutTouchpoints = ({ touchpoints: _, ...stage }: JourneyMap['stages'][number]) => stage;
const withoutKpis = ({ kpis: _, ...touchpoint }: JourneyMap['stages'][number]['touchpoints'][number]) => touchpoint;

function pick(value: object, keys: readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));
}

/** Keys whose values differ (deeply), in the order of the newer value, then keys only the older has. */
function changedFields(before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
  return keys.filter((k) => !deepEqual(a[k], b[k]));
}

function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) {
    const ys = y as unknown[];
    return x.length === ys.length && x.every((v, i) => deepEqual(v, ys[i]));
  }
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  const keys = new Set([...Object.keys(xo), ...Object.keys(yo)].filter((k) => xo[k] !== undefined || yo[k] !== undefined));
  for (const k of keys) if (!deepEqual(xo[k], yo[k])) return false;
  return true;
}
