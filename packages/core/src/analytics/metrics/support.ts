import { matchesCondition } from '../matchers/match-event.ts';
import { compileCondition } from '../sql/compile-matcher.ts';
import { inWindow, meanOfProperty, perKey, single, textOf, type MetricImplementation } from './metric-context.ts';

/**
 * Support metrics (tickets): the reference and the SQL of each side by side, the definitions in
 * metric-definitions.ts.
 */

const firstContact = (property: string) => ({ property, op: 'eq' as const, value: true });

export const SUPPORT_METRICS = {
  first_contact_resolution: {
    reference: (c) =>
      perKey(
        c.events.filter((e) => inWindow(c, e) && e.event === c.p.ticketResolvedEvent),
        c.key,
        (e) => [matchesCondition(firstContact(c.p.firstContactProperty), e) ? 1 : 0, 1],
      ),
    sql: (c) => `SELECT ${c.key} AS k, sum(CASE WHEN ${compileCondition(c.d, firstContact(c.p.firstContactProperty))} THEN 1 ELSE 0 END) AS numerator, count(*) AS denominator
      FROM events_resolved WHERE ${c.project} AND ${c.inWindow} AND event = ${c.d.string(c.p.ticketResolvedEvent)} GROUP BY k`,
  },
  resolution_rate: {
    reference(c) {
      const created = new Set<string>();
      const resolved = new Set<string>();
      for (const e of c.events) {
        const id = textOf(e, c.p.ticketIdProperty);
        if (id === null) continue;
        if (e.event === c.p.ticketCreatedEvent && inWindow(c, e)) created.add(id);
        if (e.event === c.p.ticketResolvedEvent) resolved.add(id);
      }
      return single([...created].filter((id) => resolved.has(id)).length, created.size);
    },
    sql(c) {
      const id = c.d.propertyText(c.p.ticketIdProperty);
      return `WITH created AS (
          SELECT DISTINCT ${id} AS t FROM events_resolved WHERE ${c.project} AND ${c.inWindow} AND event = ${c.d.string(c.p.ticketCreatedEvent)} AND ${id} IS NOT NULL
        )
        SELECT NULL AS k,
          (SELECT count(*) FROM created WHERE t IN (
            SELECT ${id} FROM events_resolved WHERE ${c.project} AND event = ${c.d.string(c.p.ticketResolvedEvent)} AND ${id} IS NOT NULL)) AS numerator,
          (SELECT count(*) FROM created) AS denominator`;
    },
  },
  average_handle_time: meanOfProperty('ticketResolvedEvent', 'resolutionTimeProperty'),
} satisfies Record<string, MetricImplementation>;
