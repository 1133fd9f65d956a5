import { compileMatcher } from '../analytics/sql/compile-matcher.ts';
import type { SqlDialect } from '../analytics/sql/dialect.ts';
import type { EventMatcher } from '../journey/journey-map.schema.ts';

/**
 * The events that carry a customer's own words by default. Not every event with a `text`
 * property: autocaptured clicks carry the text of the element clicked, which no one wrote.
 */
export const TEXT_EVENTS = ['Survey Answered', 'Ticket Created', 'Review Posted'] as const;

export interface CustomerTextsQuery {
  readonly projectId: string;
  /** Epoch milliseconds, inclusive. */
  readonly from: number;
  /** Epoch milliseconds, exclusive. */
  readonly to: number;
  /** The property holding the text (a dotted path). */
  readonly property: string;
  readonly events: readonly string[];
  readonly channel?: string;
  /**
   * Only texts written at this touchpoint: events carrying its id as `touchpoint_id` (survey
   * answers do), or matching one of its matchers on the journey map.
   */
  readonly touchpoint?: { readonly id: string; readonly matchers: readonly EventMatcher[] };
  /** The newest texts first, at most this many. */
  readonly limit: number;
}

/**
 * SQL reading customer texts from `events_resolved`: columns `id`, `ms` (epoch milliseconds)
 * and `text`, newest first. Events without a non-empty text in the property are left out.
 */
export function customerTextsSql(d: SqlDialect, q: CustomerTextsQuery): string {
  const text = d.propertyString(q.property);
  const where = [
    `project_id = ${d.string(q.projectId)}`,
    `timestamp >= ${d.timestamp(q.from)}`,
    `timestamp < ${d.timestamp(q.to)}`,
    q.events.length === 0 ? 'true' : `event IN (${q.events.map((e) => d.string(e)).join(', ')})`,
    `coalesce(${d.propertyKind(q.property)} = 'string' AND length(trim(${text})) > 0, false)`,
  ];
  if (q.channel !== undefined) where.push(`channel = ${d.string(q.channel)}`);
  if (q.touchpoint !== undefined) {
    const atTouchpoint = [
      `coalesce(${d.propertyKind('touchpoint_id')} = 'string' AND ${d.propertyString('touchpoint_id')} = ${d.string(q.touchpoint.id)}, false)`,
      ...q.touchpoint.matchers.map((m) => `(${compileMatcher(d, m)})`),
    ];
    where.push(`(${atTouchpoint.join(' OR ')})`);
  }
  return `SELECT id, ${d.epochMs()} AS ms, ${text} AS text FROM events_resolved WHERE ${where.join(' AND ')} ORDER BY timestamp DESC, seq DESC LIMIT ${Math.max(0, Math.floor(q.limit))}`;
}
