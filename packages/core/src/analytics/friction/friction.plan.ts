import { FRICTION_KINDS, type FrictionKind } from '../../friction/friction-kinds.ts';
import type { EventMatcher, JourneyMap } from '../../journey/journey-map.schema.ts';

/** What the friction analysis of a journey map needs of it: its touchpoints in map order and its stages. */
export interface FrictionPlan {
  readonly kind: 'friction';
  /** Epoch ms; `to` is exclusive. */
  readonly from: number;
  readonly to: number;
  readonly touchpoints: readonly { readonly id: string; readonly name: string; readonly stageId: string; readonly matchers: readonly EventMatcher[] }[];
  readonly stages: readonly { readonly id: string; readonly name: string; readonly touchpoints: readonly number[] }[];
}

export function frictionPlan(journey: JourneyMap, from: number, to: number): FrictionPlan {
  const touchpoints: { id: string; name: string; stageId: string; matchers: readonly EventMatcher[] }[] = [];
  const stages = journey.stages.map((stage) => {
    const own: number[] = [];
    for (const tp of stage.touchpoints) {
      own.push(touchpoints.length);
      touchpoints.push({ id: tp.id, name: tp.name, stageId: stage.id, matchers: tp.matchers });
    }
    return { id: stage.id, name: stage.name, touchpoints: own };
  });
  return { kind: 'friction', from, to, touchpoints, stages };
}

/** Per kind of signal at one touchpoint: signals, and the distinct persons and sessions they hit. */
export interface KindCounts {
  readonly count: number;
  readonly persons: number;
  readonly sessions: number;
}

/** What the reference and the SQL both compute; `shapeFriction` derives rates and scores from it. */
export interface FrictionCounts {
  /** Per touchpoint of the plan, in its order: sessions that reached it, and counts per signal kind seen there. */
  readonly touchpoints: readonly { readonly visits: number; readonly kinds: Partial<Record<FrictionKind, KindCounts>> }[];
}

/** One affected session of a touchpoint, as the sessions list shows it. */
export interface FrictionSession {
  readonly sessionId: string;
  readonly personId: string;
  /** Epoch ms of the session's first event in the range. */
  readonly start: number;
  readonly signals: Partial<Record<FrictionKind, number>>;
}

export const emptyKinds = (): Record<FrictionKind, number> => Object.fromEntries(FRICTION_KINDS.map((k) => [k, 0])) as Record<FrictionKind, number>;
