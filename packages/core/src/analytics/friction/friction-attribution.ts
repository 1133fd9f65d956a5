import { FRICTION_DEFINITIONS, frictionKindOfEvent, type FrictionKind } from '../../friction/friction-kinds.ts';
import type { AnalysisEvent } from '../analysis-event.ts';
import { byTime } from '../analysis-event.ts';
import { groupBy } from '../../util/group-by.ts';
import { matchesEvent } from '../matchers/match-event.ts';
import type { FrictionPlan } from './friction.plan.ts';

/** A touchpoint event: where the session was on the map, on which page. */
interface Reached {
  readonly tp: number;
  readonly ts: number;
  readonly seq: number;
  readonly page: string | null;
  /** The event's own `path` property (page views and autocaptured events carry one). */
  readonly own: string | null;
}

export interface AttributedSignal {
  readonly kind: FrictionKind;
  readonly tp: number;
  readonly personId: string;
  readonly sessionId: string;
  readonly timestamp: number;
}

export interface Attribution {
  /** Per touchpoint, the sessions that reached it in the range. */
  readonly visits: readonly Set<string>[];
  readonly signals: readonly AttributedSignal[];
}

const SIGNAL_EVENTS = new Set(Object.values(FRICTION_DEFINITIONS).map((d) => d.event));

/**
 * The reference meaning of "friction at a touchpoint" (docs/friction.md): over the events of
 * [from, to) with a session,
 * - a session reaches a touchpoint when one of its events matches the touchpoint's matchers;
 *   that event's page is the `path` of the session's latest `$page` at or before it;
 * - a signal belongs to a touchpoint event of its session that is on the signal's page (any
 *   page when the signal has no `path`, e.g. a repeated contact): one whose own `path` is the
 *   signal's (a page-view touchpoint of that very page, or the form or click the signal came
 *   from) before any other, then the nearest in time; ties go to the earlier event, then the
 *   earlier in arrival, then the earlier touchpoint of the map. A signal with no such event
 *   belongs to no touchpoint.
 */
export function attributeFriction(events: readonly AnalysisEvent[], plan: FrictionPlan): Attribution {
  const inRange = events.filter((e) => e.sessionId !== null && e.timestamp >= plan.from && e.timestamp < plan.to).sort(byTime);
  const bySession = groupBy(inRange, (e) => e.sessionId!);
  const visits = plan.touchpoints.map(() => new Set<string>());
  const signals: AttributedSignal[] = [];
  for (const [sessionId, list] of bySession) {
    const reached: Reached[] = [];
    let page: string | null = null;
    for (const e of list) {
      // A page view without a path leaves the session on no known page ('' matches no signal's path).
      if (e.event === '$page') page = typeof e.properties['path'] === 'string' ? e.properties['path'] : '';
      plan.touchpoints.forEach((tp, i) => {
        if (tp.matchers.some((m) => matchesEvent(m, e))) {
          reached.push({ tp: i, ts: e.timestamp, seq: e.seq, page, own: typeof e.properties['path'] === 'string' ? e.properties['path'] : null });
          visits[i]!.add(sessionId);
        }
      });
    }
    for (const e of list) {
      if (!SIGNAL_EVENTS.has(e.event)) continue;
      const path = typeof e.properties['path'] === 'string' && e.properties['path'] !== '' ? e.properties['path'] : null;
      let best: Reached | null = null;
      for (const r of reached) {
        if (path !== null && r.page !== path) continue;
        if (best === null || closer(r, best, e.timestamp, path)) best = r;
      }
      if (best !== null) signals.push({ kind: frictionKindOfEvent(e.event)!, tp: best.tp, personId: e.personId, sessionId, timestamp: e.timestamp });
    }
  }
  return { visits, signals };
}

const closer = (a: Reached, b: Reached, t: number, path: string | null) => {
  const ownA = path !== null && a.own === path;
  const ownB = path !== null && b.own === path;
  if (ownA !== ownB) return ownA;
  const da = Math.abs(a.ts - t);
  const db = Math.abs(b.ts - t);
  return da !== db ? da < db : a.ts !== b.ts ? a.ts < b.ts : a.seq !== b.seq ? a.seq < b.seq : a.tp < b.tp;
};
