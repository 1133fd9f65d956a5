import { FRICTION_DEFINITIONS, frictionKindOfEvent, type FrictionKind } from '../../friction/friction-kinds.ts';
import type { EventMatcher, PropertyCondition } from '../../journey/journey-map.schema.ts';
import type { CompiledAnalysis } from '../compiled-analysis.ts';
import { compileCondition } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import type { FrictionCounts, FrictionPlan, FrictionSession, KindCounts } from './friction.plan.ts';

const SIGNAL_EVENTS = Object.values(FRICTION_DEFINITIONS).map((d) => d.event);

/** 1 when an event matches any of the matchers, else 0; property conditions only on rows of their event name. */
function matchFlag(d: SqlDialect, matchers: readonly EventMatcher[]): string {
  if (matchers.length === 0) return '0';
  const byEvent = new Map<string, (readonly PropertyCondition[])[]>();
  for (const m of matchers) byEvent.set(m.event, [...(byEvent.get(m.event) ?? []), m.where ?? []]);
  const whens = [...byEvent].map(([event, alternatives]) => {
    const then = alternatives.some((w) => w.length === 0) ? '1' : `CASE WHEN ${alternatives.map((w) => `(${w.map((c) => compileCondition(d, c)).join(' AND ')})`).join(' OR ')} THEN 1 ELSE 0 END`;
    return `WHEN event = ${d.string(event)} THEN ${then}`;
  });
  return `CASE ${whens.join(' ')} ELSE 0 END`;
}

/**
 * The CTEs every friction query shares, meaning what `attributeFriction` computes:
 * - `ev`: the range's events with a session that are page views, signals or touchpoint events,
 *   with their own `path` and a flag per touchpoint;
 * - `paged`: each with the session's current page (the path of the latest page view);
 * - `tev`: one row per touchpoint an event reaches (each event fanned out to the touchpoint
 *   numbers, so the events are read once);
 * - `cand`: each signal with the touchpoint events it may belong to, ranked (rk = 1 wins).
 */
function frictionCtes(d: SqlDialect, plan: FrictionPlan, projectId: string): string {
  const names = [...new Set(['$page', ...SIGNAL_EVENTS, ...plan.touchpoints.flatMap((t) => t.matchers.map((m) => m.event))])];
  const flags = plan.touchpoints.map((t, i) => `${matchFlag(d, t.matchers)} AS m_${i}`);
  const numbers = plan.touchpoints.length === 0 ? ['-1'] : plan.touchpoints.map((_, i) => String(i));
  const pick = plan.touchpoints.length === 0 ? '0' : `CASE p.tp ${plan.touchpoints.map((_, i) => `WHEN ${i} THEN p.m_${i}`).join(' ')} ELSE 0 END`;
  return `WITH ev AS (
    SELECT session_id AS sid, person_id AS pid, event, ${d.epochMs()} AS ts, seq,
      CASE WHEN ${d.propertyKind('path')} = 'string' THEN ${d.propertyString('path')} END AS own
      ${flags.map((f) => `, ${f}`).join('')}
    FROM events_resolved
    WHERE project_id = ${d.string(projectId)} AND timestamp >= ${d.timestamp(plan.from)} AND timestamp < ${d.timestamp(plan.to)}
      AND session_id IS NOT NULL AND event IN (${names.map((n) => d.string(n)).join(', ')})
  ), paged AS (
    SELECT *, ${d.lastNonNull(`CASE WHEN event = '$page' THEN coalesce(own, '') END`)} OVER (PARTITION BY sid ORDER BY ts, seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS page
    FROM ev
  ), tev AS (
    SELECT p.sid AS sid, p.ts AS tts, p.seq AS tseq, p.page AS page, p.own AS town, p.tp AS tp
    FROM (SELECT *, ${d.fanOut(numbers)} AS tp FROM paged) AS p
    WHERE ${pick} = 1
  ), sig AS (
    SELECT sid, pid, event AS sev, ts AS sts, seq AS sseq, coalesce(own, '') AS spath
    FROM paged WHERE event IN (${SIGNAL_EVENTS.map((n) => d.string(n)).join(', ')})
  ), cand AS (
    SELECT s.sid AS sid, s.pid AS pid, s.sev AS sev, t.tp AS tp,
      row_number() OVER (
        PARTITION BY s.sid, s.sts, s.sseq, s.sev
        ORDER BY CASE WHEN s.spath <> '' AND t.town = s.spath THEN 0 ELSE 1 END, abs(t.tts - s.sts), t.tts, t.tseq, t.tp
      ) AS rk
    FROM sig s INNER JOIN tev t ON t.sid = s.sid
    WHERE s.spath = '' OR t.page = s.spath
  )`;
}

/**
 * Friction per touchpoint of a journey map as one SQL query for a dialect, meaning exactly what
 * `frictionReference` computes: rows (tp, kind, n, persons, sessions) of the winning signal
 * attributions, and rows (tp, '', visits) of the sessions that reached each touchpoint.
 */
export function compileFriction(d: SqlDialect, plan: FrictionPlan, projectId: string): CompiledAnalysis<FrictionCounts> {
  const sql = `${frictionCtes(d, plan, projectId)}
  SELECT tp, sev AS kind, CAST(count(*) AS DOUBLE) AS n, CAST(count(DISTINCT pid) AS DOUBLE) AS persons, CAST(count(DISTINCT sid) AS DOUBLE) AS sessions
  FROM cand WHERE rk = 1 GROUP BY tp, sev
  UNION ALL
  SELECT tp, '' AS kind, CAST(0 AS DOUBLE) AS n, CAST(0 AS DOUBLE) AS persons, CAST(count(DISTINCT sid) AS DOUBLE) AS sessions
  FROM tev GROUP BY tp`;
  return {
    queries: [sql],
    shape: ([rows = []]) => {
      const touchpoints = plan.touchpoints.map(() => ({ visits: 0, kinds: {} as Partial<Record<FrictionKind, KindCounts>> }));
      for (const r of rows) {
        const t = touchpoints[Number(r['tp'])];
        if (!t) continue;
        const kind = frictionKindOfEvent(String(r['kind']));
        if (kind === null) t.visits = Number(r['sessions']);
        else t.kinds[kind] = { count: Number(r['n']), persons: Number(r['persons']), sessions: Number(r['sessions']) };
      }
      return { touchpoints };
    },
  };
}

/**
 * The sessions with friction at touchpoint `tp` (of `kind`, or any), newest first, at most
 * `limit`, meaning what `frictionSessionsReference` computes.
 */
export function compileFrictionSessions(d: SqlDialect, plan: FrictionPlan, projectId: string, tp: number, kind: FrictionKind | null, limit: number): CompiledAnalysis<FrictionSession[]> {
  const sql = `${frictionCtes(d, plan, projectId)}, sel AS (
    SELECT sid, min(pid) AS pid FROM cand WHERE rk = 1 AND tp = ${tp} GROUP BY sid
    ${kind === null ? '' : `HAVING sum(CASE WHEN sev = ${d.string(FRICTION_DEFINITIONS[kind].event)} THEN 1 ELSE 0 END) > 0`}
  ), st AS (
    SELECT session_id AS sid, min(${d.epochMs()}) AS start FROM events_resolved
    WHERE project_id = ${d.string(projectId)} AND timestamp >= ${d.timestamp(plan.from)} AND timestamp < ${d.timestamp(plan.to)}
      AND session_id IN (SELECT sid FROM sel)
    GROUP BY session_id
  ), shown AS (
    SELECT sel.sid AS sid, sel.pid AS pid, st.start AS start FROM sel INNER JOIN st ON st.sid = sel.sid
    ORDER BY st.start DESC, sel.sid LIMIT ${Math.max(0, Math.floor(limit))}
  )
  SELECT shown.sid AS session_id, shown.pid AS person_id, CAST(shown.start AS DOUBLE) AS start, c.sev AS kind, CAST(c.n AS DOUBLE) AS n
  FROM shown INNER JOIN (SELECT sid, sev, count(*) AS n FROM cand WHERE rk = 1 AND tp = ${tp} GROUP BY sid, sev) c ON c.sid = shown.sid
  ORDER BY start DESC, session_id, kind`;
  return {
    queries: [sql],
    shape: ([rows = []]) => {
      const out: FrictionSession[] = [];
      const byId = new Map<string, { sessionId: string; personId: string; start: number; signals: Partial<Record<FrictionKind, number>> }>();
      for (const r of rows) {
        const id = String(r['session_id']);
        let s = byId.get(id);
        if (!s) {
          s = { sessionId: id, personId: String(r['person_id']), start: Number(r['start']), signals: {} };
          byId.set(id, s);
          out.push(s);
        }
        const k = frictionKindOfEvent(String(r['kind']));
        if (k !== null) s.signals[k] = Number(r['n']);
      }
      return out;
    },
  };
}
