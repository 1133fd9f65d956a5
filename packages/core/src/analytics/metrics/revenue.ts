import type { AnalysisEvent } from '../analysis-event.ts';
import { eventIn, inWindow, isActive, meanOfProperty, numberOf, perKey, single, textOf, type MetricImplementation, type ReferenceContext, type SqlContext } from './metric-context.ts';

/**
 * Revenue metrics (orders, subscriptions, acquisition): the reference and the SQL of each side
 * by side, the definitions in metric-definitions.ts.
 */

const subscriptionEvents = (c: { p: ReferenceContext['p'] }) => [c.p.subscriptionStartedEvent, c.p.subscriptionRenewedEvent, c.p.subscriptionCancelledEvent];

/** Each person's last subscription event before an instant (events are in `byTime` order). */
function lastSubscriptionEvents(c: ReferenceContext, before: number): Map<string, AnalysisEvent> {
  const names = subscriptionEvents(c);
  const last = new Map<string, AnalysisEvent>();
  for (const e of c.events) if (e.timestamp < before && names.includes(e.event)) last.set(e.personId, e);
  return last;
}

/** SQL: each person's last subscription event before an instant, as rows (person_id, event, v = its mrr). */
const lastSubscriptionSql = (c: SqlContext, before: string) => `SELECT person_id, event, v FROM (
    SELECT person_id, event, ${c.number(c.p.mrrProperty)} AS v, row_number() OVER (PARTITION BY person_id ORDER BY timestamp DESC, seq DESC) AS r
    FROM events_resolved WHERE ${c.project} AND timestamp < ${before} AND ${eventIn(c, ...subscriptionEvents(c))}
  ) AS ranked WHERE r = 1`;

const recurring: MetricImplementation = {
  reference(c) {
    const active = [...lastSubscriptionEvents(c, c.to).values()].filter((e) => e.event !== c.p.subscriptionCancelledEvent);
    return single(
      active.reduce((sum, e) => sum + (numberOf(e, c.p.mrrProperty) ?? 0), 0),
      active.length,
    );
  },
  sql: (c) => `SELECT NULL AS k, coalesce(sum(coalesce(v, 0)), 0) AS numerator, count(*) AS denominator
    FROM (${lastSubscriptionSql(c, c.to)}) AS last_events WHERE event <> ${c.d.string(c.p.subscriptionCancelledEvent)}`,
};

const ordersSql = (c: SqlContext, where: string) =>
  `SELECT person_id, ${c.number(c.p.revenueProperty)} AS v FROM events_resolved WHERE ${c.project} AND event = ${c.d.string(c.p.orderEvent)} AND ${where}`;

export const REVENUE_METRICS = {
  churn_rate: {
    reference(c) {
      const base = [...lastSubscriptionEvents(c, c.from)].filter(([, e]) => e.event !== c.p.subscriptionCancelledEvent).map(([person]) => person);
      const cancelled = new Set(c.events.filter((e) => inWindow(c, e) && e.event === c.p.subscriptionCancelledEvent).map((e) => e.personId));
      return single(base.filter((p) => cancelled.has(p)).length, base.length);
    },
    sql: (c) => `WITH base AS (
        SELECT person_id FROM (${lastSubscriptionSql(c, c.from)}) AS last_events WHERE event <> ${c.d.string(c.p.subscriptionCancelledEvent)}
      )
      SELECT NULL AS k,
        (SELECT count(*) FROM base WHERE person_id IN (
          SELECT person_id FROM events_resolved WHERE ${c.project} AND ${c.inWindow} AND event = ${c.d.string(c.p.subscriptionCancelledEvent)})) AS numerator,
        (SELECT count(*) FROM base) AS denominator`,
  },
  repeat_purchase_rate: {
    reference(c) {
      const orders = new Map<string, number>();
      for (const e of c.events) if (inWindow(c, e) && e.event === c.p.orderEvent) orders.set(e.personId, (orders.get(e.personId) ?? 0) + 1);
      return single([...orders.values()].filter((n) => n >= 2).length, orders.size);
    },
    sql: (c) => `SELECT NULL AS k, coalesce(sum(CASE WHEN n >= 2 THEN 1 ELSE 0 END), 0) AS numerator, count(*) AS denominator
      FROM (SELECT person_id, count(*) AS n FROM events_resolved WHERE ${c.project} AND ${c.inWindow} AND event = ${c.d.string(c.p.orderEvent)} GROUP BY person_id) AS customers`,
  },
  aov: meanOfProperty('orderEvent', 'revenueProperty'),
  arpu: {
    reference(c) {
      let revenue = 0;
      const active = new Set<string>();
      for (const e of c.events) {
        if (!inWindow(c, e)) continue;
        if (e.event === c.p.orderEvent) revenue += numberOf(e, c.p.revenueProperty) ?? 0;
        if (isActive(c.p, e)) active.add(e.personId);
      }
      return single(revenue, active.size);
    },
    sql: (c) => `SELECT NULL AS k,
        (SELECT coalesce(sum(v), 0) FROM (${ordersSql(c, c.inWindow)}) AS orders) AS numerator,
        (SELECT count(DISTINCT person_id) FROM events_resolved WHERE ${c.project} AND ${c.inWindow} AND ${c.active}) AS denominator`,
  },
  mrr: recurring,
  arr: recurring,
  clv: {
    reference(c) {
      let revenue = 0;
      const customers = new Set<string>();
      for (const e of c.events) {
        if (e.timestamp >= c.to || e.event !== c.p.orderEvent) continue;
        revenue += numberOf(e, c.p.revenueProperty) ?? 0;
        customers.add(e.personId);
      }
      return single(revenue, customers.size);
    },
    sql: (c) => `SELECT NULL AS k, coalesce(sum(v), 0) AS numerator, count(DISTINCT person_id) AS denominator
      FROM (${ordersSql(c, `timestamp < ${c.to}`)}) AS orders`,
  },
  cac: {
    reference(c) {
      const firstOrder = new Map<string, number>();
      const source = new Map<string, string>();
      for (const e of c.events) {
        if (e.event === c.p.orderEvent && !firstOrder.has(e.personId)) firstOrder.set(e.personId, e.timestamp);
        const text = textOf(e, c.p.acquisitionProperty);
        if (text !== null && !source.has(e.personId)) source.set(e.personId, text);
      }
      type Unit = { key: string | null; spend: number; customers: number };
      const units: Unit[] = [];
      for (const e of c.events) {
        if (inWindow(c, e) && e.event === c.p.spendEvent) units.push({ key: textOf(e, c.p.spendSourceProperty), spend: numberOf(e, c.p.spendProperty) ?? 0, customers: 0 });
      }
      for (const [person, at] of firstOrder) if (at >= c.from && at < c.to) units.push({ key: source.get(person) ?? null, spend: 0, customers: 1 });
      return perKey(units, (u) => u.key, (u) => [u.spend, u.customers]);
    },
    sql(c) {
      const { d, p } = c;
      const source = d.propertyText(p.acquisitionProperty);
      return `WITH new_customers AS (
          SELECT person_id FROM events_resolved WHERE ${c.project} AND event = ${d.string(p.orderEvent)}
          GROUP BY person_id HAVING min(timestamp) >= ${c.from} AND min(timestamp) < ${c.to}
        ), sourced AS (
          SELECT person_id, src FROM (
            SELECT person_id, ${source} AS src, row_number() OVER (PARTITION BY person_id ORDER BY timestamp, seq) AS r
            FROM events_resolved WHERE ${c.project} AND ${source} IS NOT NULL AND person_id IN (SELECT person_id FROM new_customers)
          ) AS tagged WHERE r = 1
        ), units AS (
          SELECT ${d.propertyText(p.spendSourceProperty)} AS k, ${c.number(p.spendProperty)} AS spend, 0 AS customers
          FROM events_resolved WHERE ${c.project} AND ${c.inWindow} AND event = ${d.string(p.spendEvent)}
          UNION ALL SELECT src AS k, ${d.nullNumber} AS spend, 1 AS customers FROM sourced
          UNION ALL SELECT NULL AS k, ${d.nullNumber} AS spend, 1 AS customers FROM new_customers WHERE person_id NOT IN (SELECT person_id FROM sourced)
        )
        SELECT k, coalesce(sum(spend), 0) AS numerator, sum(customers) AS denominator FROM units GROUP BY k`;
    },
  },
} satisfies Record<string, MetricImplementation>;
