import { FRICTION_DEFINITIONS, FRICTION_KINDS, type FrictionKind } from '@waymark/core';
import { formatCompact } from '../map/format.ts';
import type { FrictionResult, FrictionSignals, StageFriction, TouchpointFriction } from '../api/insight-types.ts';

/** How friction is read on the map: per touchpoint and stage, levelled, its worst signals first. */

export const KIND_LABELS: Readonly<Record<FrictionKind, string>> = {
  rage_click: 'rage clicks',
  dead_click: 'dead clicks',
  error_click: 'error clicks',
  form_abandon_field: 'abandoned fields',
  slow_page: 'slow pages',
  u_turn: 'U-turns',
  repeated_contact: 'repeated contacts',
};

const SINGULAR: Readonly<Record<FrictionKind, string>> = {
  rage_click: 'rage click',
  dead_click: 'dead click',
  error_click: 'error click',
  form_abandon_field: 'abandoned field',
  slow_page: 'slow page',
  u_turn: 'U-turn',
  repeated_contact: 'repeated contact',
};

/** "1 rage click", "12 dead clicks". */
export const kindCount = (kind: FrictionKind, count: number): string => `${formatCompact(count)} ${count === 1 ? SINGULAR[kind] : KIND_LABELS[kind]}`;

export const FRICTION_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type FrictionLevel = (typeof FRICTION_LEVELS)[number];

export const LEVEL_LABELS: Readonly<Record<FrictionLevel, string>> = { none: 'No friction', low: 'Low friction', medium: 'Some friction', high: 'High friction' };

/**
 * The score is the severity-weighted share of visits hit (docs/friction.md): 1 means every
 * visit hit by one annoyance or a third of them blocked, which is high; a quarter of that is
 * worth a look.
 */
export function frictionLevel(score: number): FrictionLevel {
  if (!(score > 0)) return 'none';
  if (score < 0.25) return 'low';
  if (score < 1) return 'medium';
  return 'high';
}

export const formatScore = (score: number): string => (score === 0 ? '0' : score < 0.01 ? '<0.01' : score.toFixed(2));

export interface FrictionIndex {
  readonly touchpoints: ReadonlyMap<string, TouchpointFriction>;
  readonly stages: ReadonlyMap<string, StageFriction>;
}

export function indexFriction(result: FrictionResult): FrictionIndex {
  return {
    touchpoints: new Map(result.stages.flatMap((s) => s.touchpoints).map((t) => [t.touchpointId, t])),
    stages: new Map(result.stages.map((s) => [s.stageId, s])),
  };
}

export interface KindLine {
  readonly kind: FrictionKind;
  readonly label: string;
  readonly count: number;
  readonly sessions: number;
  readonly persons: number;
  readonly rate: number | null;
  /** What the kind adds to the score. */
  readonly weight: number;
}

/** The signals of a touchpoint, heaviest in the score first (then the most frequent), without kinds it did not have. */
export function kindLines(signals: FrictionSignals): KindLine[] {
  return FRICTION_KINDS.flatMap((kind) => {
    const s = signals[kind];
    if (!s || s.count === 0) return [];
    return [{ kind, label: KIND_LABELS[kind], count: s.count, sessions: s.sessions, persons: s.persons, rate: s.rate, weight: FRICTION_DEFINITIONS[kind].severity * (s.rate ?? 0) }];
  }).sort((a, b) => b.weight - a.weight || b.count - a.count);
}

/** The signals of a stage: its touchpoints' counts added up (sessions and persons may repeat across touchpoints, so only counts are summed). */
export function stageKindCounts(stage: StageFriction): { kind: FrictionKind; label: string; count: number }[] {
  const counts = new Map<FrictionKind, number>();
  for (const t of stage.touchpoints) for (const line of kindLines(t.signals)) counts.set(line.kind, (counts.get(line.kind) ?? 0) + line.count);
  return [...counts].map(([kind, count]) => ({ kind, label: KIND_LABELS[kind], count })).sort((a, b) => b.count - a.count);
}
