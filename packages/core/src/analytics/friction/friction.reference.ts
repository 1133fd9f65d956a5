import { FRICTION_KINDS, type FrictionKind } from '../../friction/friction-kinds.ts';
import type { AnalysisEvent } from '../analysis-event.ts';
import { attributeFriction } from './friction-attribution.ts';
import type { FrictionCounts, FrictionPlan, FrictionSession, KindCounts } from './friction.plan.ts';

/** The friction counts of each touchpoint, computed in memory: the oracle of `compileFriction`. */
export function frictionReference(events: readonly AnalysisEvent[], plan: FrictionPlan): FrictionCounts {
  const { visits, signals } = attributeFriction(events, plan);
  return {
    touchpoints: visits.map((sessions, tp) => {
      const kinds: Partial<Record<FrictionKind, KindCounts>> = {};
      for (const kind of FRICTION_KINDS) {
        const own = signals.filter((s) => s.tp === tp && s.kind === kind);
        if (own.length > 0) kinds[kind] = { count: own.length, persons: new Set(own.map((s) => s.personId)).size, sessions: new Set(own.map((s) => s.sessionId)).size };
      }
      return { visits: sessions.size, kinds };
    }),
  };
}

/**
 * The sessions with friction at touchpoint `tp` (of `kind`, or any), newest first (then by
 * session id), at most `limit`: the oracle of `compileFrictionSessions`.
 */
export function frictionSessionsReference(events: readonly AnalysisEvent[], plan: FrictionPlan, tp: number, kind: FrictionKind | null, limit: number): FrictionSession[] {
  const { signals } = attributeFriction(events, plan);
  const bySession = new Map<string, { personId: string; signals: Partial<Record<FrictionKind, number>> }>();
  for (const s of signals) {
    if (s.tp !== tp) continue;
    const entry = bySession.get(s.sessionId) ?? { personId: s.personId, signals: {} };
    if (s.personId < entry.personId) entry.personId = s.personId;
    entry.signals[s.kind] = (entry.signals[s.kind] ?? 0) + 1;
    bySession.set(s.sessionId, entry);
  }
  const starts = new Map<string, number>();
  for (const e of events) {
    if (e.sessionId === null || e.timestamp < plan.from || e.timestamp >= plan.to || !bySession.has(e.sessionId)) continue;
    starts.set(e.sessionId, Math.min(starts.get(e.sessionId) ?? Infinity, e.timestamp));
  }
  return [...bySession]
    .filter(([, v]) => kind === null || (v.signals[kind] ?? 0) > 0)
    .map(([sessionId, v]) => ({ sessionId, personId: v.personId, start: starts.get(sessionId)!, signals: v.signals }))
    .sort((a, b) => b.start - a.start || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0))
    .slice(0, limit);
}
