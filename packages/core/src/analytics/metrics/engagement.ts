import { bucketsIn } from '../analysis-range.ts';
import { bucketOf } from '../time-buckets.ts';
import { inWindow, isActive, single, type MetricImplementation, type ReferenceContext, type SqlContext } from './metric-context.ts';

/**
 * Engagement metrics (conversion, sessions, activation, active users): the reference and the
 * SQL of each side by side, the definitions in metric-definitions.ts.
 */

interface Session {
  first: number;
  last: number;
  pages: number;
}

/** Sessions by id over every event (a session that starts in the window counts whole). */
function sessionsStartingIn(c: ReferenceContext): Session[] {
  const sessions = new Map<string, Session>();
  for (const e of c.events) {
    if (e.sessionId === null) continue;
    const s = sessions.get(e.sessionId) ?? { first: e.timestamp, last: e.timestamp, pages: 0 };
    s.first = Math.min(s.first, e.timestamp);
    s.last = Math.max(s.last, e.timestamp);
    if (e.event === c.p.pageEvent) s.pages++;
    sessions.set(e.sessionId, s);
  }
  return [...sessions.values()].filter((s) => s.first >= c.from && s.first < c.to);
}

const sessionsSql = (c: SqlContext) => `SELECT min(timestamp) AS started, min(${c.d.epochMs()}) AS first_ms, max(${c.d.epochMs()}) AS last_ms,
      sum(CASE WHEN event = ${c.d.string(c.p.pageEvent)} THEN 1 ELSE 0 END) AS pages
    FROM events_resolved WHERE ${c.project} AND session_id IS NOT NULL GROUP BY session_id`;

/** Distinct (person, period) pairs of activity in the window. */
function activePairs(c: ReferenceContext, interval: 'day' | 'week' | 'month'): number {
  const pairs = new Set<string>();
  for (const e of c.events) if (inWindow(c, e) && isActive(c.p, e)) pairs.add(`${e.personId}\u0000${bucketOf(e.timestamp, interval, c.timeZone)}`);
  return pairs.size;
}

const activePairsSql = (c: SqlContext, interval: 'day' | 'week' | 'month') =>
  `(SELECT count(*) FROM (SELECT DISTINCT person_id, ${c.d.bucket(interval, c.timeZone)} AS period FROM events_resolved WHERE ${c.project} AND ${c.inWindow} AND ${c.active}) AS pairs)`;

const periods = (c: { from: number; to: number; timeZone: string }, interval: 'day' | 'week' | 'month') => bucketsIn(c, interval).length;

const activeUsers = (interval: 'day' | 'week' | 'month'): MetricImplementation => ({
  reference: (c) => single(activePairs(c, interval), periods(c, interval)),
  sql: (c) => `SELECT NULL AS k, ${activePairsSql(c, interval)} AS numerator, ${periods({ from: c.fromMs, to: c.toMs, timeZone: c.timeZone }, interval)} AS denominator`,
});

export const ENGAGEMENT_METRICS = {
  conversion_rate: {
    reference(c) {
      const active = new Set<string>();
      const converted = new Set<string>();
      for (const e of c.events) {
        if (!inWindow(c, e)) continue;
        if (isActive(c.p, e)) active.add(e.personId);
        if (e.event === c.p.goalEvent) converted.add(e.personId);
      }
      return single([...active].filter((p) => converted.has(p)).length, active.size);
    },
    sql: (c) => `SELECT NULL AS k, coalesce(sum(CASE WHEN is_active = 1 AND converted = 1 THEN 1 ELSE 0 END), 0) AS numerator,
        coalesce(sum(is_active), 0) AS denominator
      FROM (
        SELECT person_id, max(CASE WHEN ${c.active} THEN 1 ELSE 0 END) AS is_active, max(CASE WHEN event = ${c.d.string(c.p.goalEvent)} THEN 1 ELSE 0 END) AS converted
        FROM events_resolved WHERE ${c.project} AND ${c.inWindow} GROUP BY person_id
      ) AS persons`,
  },
  bounce_rate: {
    reference(c) {
      const viewed = sessionsStartingIn(c).filter((s) => s.pages >= 1);
      return single(viewed.filter((s) => s.pages === 1).length, viewed.length);
    },
    sql: (c) => `SELECT NULL AS k, coalesce(sum(CASE WHEN pages = 1 THEN 1 ELSE 0 END), 0) AS numerator, count(*) AS denominator
      FROM (${sessionsSql(c)}) AS sessions WHERE started >= ${c.from} AND started < ${c.to} AND pages >= 1`,
  },
  session_duration: {
    reference(c) {
      const sessions = sessionsStartingIn(c);
      return single(sessions.reduce((sum, s) => sum + s.last - s.first, 0), sessions.length);
    },
    sql: (c) => `SELECT NULL AS k, coalesce(sum(last_ms - first_ms), 0) AS numerator, count(*) AS denominator
      FROM (${sessionsSql(c)}) AS sessions WHERE started >= ${c.from} AND started < ${c.to}`,
  },
  time_to_activation: {
    reference(c) {
      const first = new Map<string, number>();
      const activated = new Map<string, number>();
      for (const e of c.events) {
        if (!first.has(e.personId)) first.set(e.personId, e.timestamp);
        if (e.event === c.p.activationEvent && !activated.has(e.personId)) activated.set(e.personId, e.timestamp);
      }
      const sorted = [...activated]
        .filter(([, at]) => at >= c.from && at < c.to)
        .map(([person, at]) => at - first.get(person)!)
        .sort((a, b) => a - b);
      return [{ key: null, numerator: 0, denominator: sorted.length, sorted }];
    },
    sql: (c) => `SELECT NULL AS k, 0 AS numerator, count(*) AS denominator, ${c.d.sortedNumbers('act_ms - first_ms')} AS sorted
      FROM (
        SELECT person_id, min(${c.d.epochMs()}) AS first_ms, min(CASE WHEN event = ${c.d.string(c.p.activationEvent)} THEN ${c.d.epochMs()} END) AS act_ms
        FROM events_resolved WHERE ${c.project} AND timestamp < ${c.to} GROUP BY person_id
      ) AS persons
      WHERE act_ms >= ${c.fromMs} AND act_ms < ${c.toMs}`,
  },
  dau: activeUsers('day'),
  wau: activeUsers('week'),
  mau: activeUsers('month'),
  dau_mau: {
    reference: (c) => single(activePairs(c, 'day') * periods(c, 'month'), activePairs(c, 'month') * periods(c, 'day')),
    sql(c) {
      const window = { from: c.fromMs, to: c.toMs, timeZone: c.timeZone };
      return `SELECT NULL AS k, ${activePairsSql(c, 'day')} * ${periods(window, 'month')} AS numerator, ${activePairsSql(c, 'month')} * ${periods(window, 'day')} AS denominator`;
    },
  },
} satisfies Record<string, MetricImplementation>;
