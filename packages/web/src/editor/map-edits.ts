import type { JourneyLane, JourneyLaneCard, JourneyMap, JourneyStage, JourneyTouchpoint } from '@waymark/core';

/**
 * Every change the editor makes to a map, as a pure function from one map to the next. The
 * editor keeps a draft and saves it whole with the version it started from.
 */

const ID_CHARS = /[^a-z0-9_-]+/g;

/** A map id from a name, unique among `taken`: "Sign-up form" -> "sign-up_form", then "sign-up_form_2". */
export function newId(name: string, taken: Iterable<string>): string {
  const base =
    name
      .toLowerCase()
      .trim()
      .replace(/\s+/g, '_')
      .replace(ID_CHARS, '')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 56) || 'item';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

const touchpointIds = (map: JourneyMap) => map.stages.flatMap((s) => s.touchpoints.map((t) => t.id));

function move<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function addStage(map: JourneyMap, name: string): JourneyMap {
  const id = newId(name, map.stages.map((s) => s.id));
  return { ...map, stages: [...map.stages, { id, name, description: '', touchpoints: [] }] };
}

export function updateStage(map: JourneyMap, stageId: string, patch: Partial<Pick<JourneyStage, 'name' | 'description'>>): JourneyMap {
  return { ...map, stages: map.stages.map((s) => (s.id === stageId ? { ...s, ...patch } : s)) };
}

export function moveStage(map: JourneyMap, stageId: string, by: -1 | 1): JourneyMap {
  return { ...map, stages: move(map.stages, map.stages.findIndex((s) => s.id === stageId), by) };
}

/** Removes a stage with its touchpoints and cards; the last stage stays (a map has at least one). */
export function deleteStage(map: JourneyMap, stageId: string): JourneyMap {
  if (map.stages.length <= 1) return map;
  return { ...map, stages: map.stages.filter((s) => s.id !== stageId), lanes: map.lanes.filter((c) => c.stageId !== stageId) };
}

export function addTouchpoint(map: JourneyMap, stageId: string, input: Omit<JourneyTouchpoint, 'id' | 'stageId'>): { map: JourneyMap; id: string } {
  const id = newId(input.name, touchpointIds(map));
  const touchpoint: JourneyTouchpoint = { ...input, id, stageId };
  return { id, map: { ...map, stages: map.stages.map((s) => (s.id === stageId ? { ...s, touchpoints: [...s.touchpoints, touchpoint] } : s)) } };
}

export function findTouchpoint(map: JourneyMap, touchpointId: string): JourneyTouchpoint | undefined {
  for (const stage of map.stages) for (const t of stage.touchpoints) if (t.id === touchpointId) return t;
  return undefined;
}

export function updateTouchpoint(map: JourneyMap, touchpointId: string, patch: Partial<Omit<JourneyTouchpoint, 'id' | 'stageId'>>): JourneyMap {
  return { ...map, stages: map.stages.map((s) => ({ ...s, touchpoints: s.touchpoints.map((t) => (t.id === touchpointId ? { ...t, ...patch } : t)) })) };
}

export function deleteTouchpoint(map: JourneyMap, touchpointId: string): JourneyMap {
  return { ...map, stages: map.stages.map((s) => ({ ...s, touchpoints: s.touchpoints.filter((t) => t.id !== touchpointId) })) };
}

/** Up/down within its stage, or left/right into the neighbouring stage (at its end). */
export function moveTouchpoint(map: JourneyMap, touchpointId: string, direction: 'up' | 'down' | 'left' | 'right'): JourneyMap {
  const stageIndex = map.stages.findIndex((s) => s.touchpoints.some((t) => t.id === touchpointId));
  if (stageIndex < 0) return map;
  const stage = map.stages[stageIndex]!;
  const index = stage.touchpoints.findIndex((t) => t.id === touchpointId);
  if (direction === 'up' || direction === 'down') {
    const touchpoints = move(stage.touchpoints, index, direction === 'up' ? -1 : 1);
    return { ...map, stages: map.stages.map((s, i) => (i === stageIndex ? { ...s, touchpoints } : s)) };
  }
  const targetIndex = stageIndex + (direction === 'left' ? -1 : 1);
  const target = map.stages[targetIndex];
  if (!target) return map;
  const touchpoint = { ...stage.touchpoints[index]!, stageId: target.id };
  return {
    ...map,
    stages: map.stages.map((s, i) =>
      i === stageIndex ? { ...s, touchpoints: s.touchpoints.filter((t) => t.id !== touchpointId) } : i === targetIndex ? { ...s, touchpoints: [...s.touchpoints, touchpoint] } : s,
    ),
  };
}

export function addCard(map: JourneyMap, lane: JourneyLane, stageId: string, text: string, emotion?: number): { map: JourneyMap; id: string } {
  const id = newId(`${lane}_${stageId}`, map.lanes.map((c) => c.id));
  const card: JourneyLaneCard = { id, lane, stageId, text, ...(lane === 'emotions' && { emotion: emotion ?? 0 }) };
  return { id, map: { ...map, lanes: [...map.lanes, card] } };
}

export function updateCard(map: JourneyMap, cardId: string, patch: Partial<Pick<JourneyLaneCard, 'text' | 'emotion' | 'owner'>>): JourneyMap {
  return { ...map, lanes: map.lanes.map((c) => (c.id === cardId ? { ...c, ...patch } : c)) };
}

export function deleteCard(map: JourneyMap, cardId: string): JourneyMap {
  return { ...map, lanes: map.lanes.filter((c) => c.id !== cardId) };
}

/** Left/right moves a card to the neighbouring stage, in the same lane. */
export function moveCard(map: JourneyMap, cardId: string, by: -1 | 1): JourneyMap {
  const card = map.lanes.find((c) => c.id === cardId);
  if (!card) return map;
  const target = map.stages[map.stages.findIndex((s) => s.id === card.stageId) + by];
  return target ? updateCardStage(map, cardId, target.id) : map;
}

const updateCardStage = (map: JourneyMap, cardId: string, stageId: string): JourneyMap => ({ ...map, lanes: map.lanes.map((c) => (c.id === cardId ? { ...c, stageId } : c)) });

/** The average emotion score of each stage's emotions cards, null where there is none: the emotion curve. */
export function emotionCurve(map: JourneyMap): (number | null)[] {
  return map.stages.map((stage) => {
    const scores = map.lanes.filter((c) => c.lane === 'emotions' && c.stageId === stage.id && typeof c.emotion === 'number').map((c) => c.emotion!);
    return scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length;
  });
}
