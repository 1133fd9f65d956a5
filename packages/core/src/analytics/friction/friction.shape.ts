import { FRICTION_DEFINITIONS, FRICTION_KINDS, type FrictionKind } from '../../friction/friction-kinds.ts';
import type { FrictionCounts, FrictionPlan, KindCounts } from './friction.plan.ts';

export interface KindResult extends KindCounts {
  /** Sessions with the signal here / sessions that reached the touchpoint (null without visits). */
  readonly rate: number | null;
}

export interface TouchpointFriction {
  readonly touchpointId: string;
  readonly name: string;
  readonly visits: number;
  readonly signals: Partial<Record<FrictionKind, KindResult>>;
  /** Σ over kinds of severity × rate: severity-weighted affected-session share (0 when no visits). */
  readonly score: number;
}

export interface StageFriction {
  readonly stageId: string;
  readonly name: string;
  readonly visits: number;
  /** The touchpoints' scores weighted by their visits. */
  readonly score: number;
  readonly touchpoints: readonly TouchpointFriction[];
}

export interface FrictionResult {
  readonly from: string;
  readonly to: string;
  readonly stages: readonly StageFriction[];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Rates and scores from the counts (docs/friction.md, "Friction score"). */
export function shapeFriction(plan: FrictionPlan, counts: FrictionCounts): FrictionResult {
  const touchpoints = plan.touchpoints.map((tp, i): TouchpointFriction => {
    const c = counts.touchpoints[i] ?? { visits: 0, kinds: {} };
    const signals: Partial<Record<FrictionKind, KindResult>> = {};
    let score = 0;
    for (const kind of FRICTION_KINDS) {
      const k = c.kinds[kind];
      if (!k) continue;
      const rate = c.visits > 0 ? k.sessions / c.visits : null;
      signals[kind] = { ...k, rate: rate === null ? null : round(rate) };
      score += FRICTION_DEFINITIONS[kind].severity * (rate ?? 0);
    }
    return { touchpointId: tp.id, name: tp.name, visits: c.visits, signals, score: round(score) };
  });
  return {
    from: new Date(plan.from).toISOString(),
    to: new Date(plan.to).toISOString(),
    stages: plan.stages.map((s) => {
      const own = s.touchpoints.map((i) => touchpoints[i]!);
      const visits = own.reduce((n, t) => n + t.visits, 0);
      const score = visits > 0 ? own.reduce((n, t) => n + t.visits * t.score, 0) / visits : 0;
      return { stageId: s.id, name: s.name, visits, score: round(score), touchpoints: own };
    }),
  };
}
