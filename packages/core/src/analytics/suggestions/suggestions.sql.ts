import type { EventMatcher } from '../../journey/journey-map.schema.ts';
import { compileMatcher } from '../sql/compile-matcher.ts';
import type { SqlDialect } from '../sql/dialect.ts';

/**
 * Queries behind the binding picker of the journey map: which events exist, which properties
 * and values they carry, and how many events a set of matchers selects. They read
 * `events_resolved` like every analysis, so they see what the map's numbers see.
 */

const inProject = (d: SqlDialect, projectId: string) => `project_id = ${d.string(projectId)}`;
const inRange = (d: SqlDialect, range: { from?: number; to?: number }) =>
  [range.from === undefined ? null : `timestamp >= ${d.timestamp(range.from)}`, range.to === undefined ? null : `timestamp < ${d.timestamp(range.to)}`].filter(Boolean).map((c) => ` AND ${c}`).join('');
const containsText = (d: SqlDialect, column: string, q: string) => d.contains(`lower(${column})`, d.string(q.toLowerCase()));

/** Event names with their counts, most frequent first, those containing `q` (any case) only. */
export function eventNamesSql(d: SqlDialect, projectId: string, q: string, limit: number): string {
  const filter = q === '' ? '' : ` AND ${containsText(d, 'event', q)}`;
  return `SELECT event, count(*) AS count FROM events_resolved WHERE ${inProject(d, projectId)}${filter}
    GROUP BY event ORDER BY count DESC, event LIMIT ${Math.trunc(limit)}`;
}

const ofEvents = (d: SqlDialect, events: readonly string[]) => `event IN (${events.map(d.string).join(', ')})`;

/**
 * Top-level property names of some events (one of them, or those containing `q`) with how many
 * of the events carry each, most frequent first. Several events are counted together: what a
 * touchpoint or step bound to all of them can be split or measured by.
 */
export function eventPropertyNamesSql(d: SqlDialect, projectId: string, events: readonly string[], filter: { q?: string; property?: string }, limit: number): string {
  const keys = d.name === 'duckdb' ? 'unnest(json_keys(properties))' : 'arrayJoin(JSONExtractKeys(properties))';
  // A key no property path can name is no choice: one holding a dot reads as a nested path, and '' and '*' are refused.
  const nameable = `property <> '' AND property <> '*' AND property NOT LIKE '%.%'`;
  const where =
    filter.property !== undefined ? ` WHERE property = ${d.string(filter.property)}`
    : ` WHERE ${nameable}${filter.q ? ` AND ${containsText(d, 'property', filter.q)}` : ''}`;
  return `SELECT property, count(*) AS count FROM (
      SELECT ${keys} AS property FROM events_resolved WHERE ${inProject(d, projectId)} AND ${ofEvents(d, events)}
    ) keys${where}
    GROUP BY property ORDER BY count DESC, property LIMIT ${Math.trunc(limit)}`;
}

/**
 * The most frequent values (as breakdown text: strings, numbers and booleans) of each named
 * property of some events, `limit` per property, those containing `q` only. Columns: property, value, count.
 */
export function eventPropertyValuesSql(d: SqlDialect, projectId: string, events: readonly string[], properties: readonly string[], q: string, limit: number): string {
  const filter = q === '' ? '' : ` AND ${containsText(d, 'value', q)}`;
  const perProperty = properties.map(
    (p) => `SELECT ${d.string(p)} AS property, value, count(*) AS count FROM (
        SELECT ${d.propertyText(p)} AS value FROM events_resolved WHERE ${inProject(d, projectId)} AND ${ofEvents(d, events)}
      ) v WHERE value IS NOT NULL${filter} GROUP BY value`,
  );
  return `SELECT property, value, count FROM (
      SELECT property, value, count, row_number() OVER (PARTITION BY property ORDER BY count DESC, value) AS rk FROM (${perProperty.join(' UNION ALL ')}) counted
    ) ranked WHERE rk <= ${Math.trunc(limit)} ORDER BY property, rk`;
}

/** How many events, and of how many persons, match any of the matchers in a range: what a touchpoint bound to them counts. */
export function matcherCountSql(d: SqlDialect, projectId: string, matchers: readonly EventMatcher[], range: { from?: number; to?: number }): string {
  const any = matchers.map((m) => `(${compileMatcher(d, m)})`).join(' OR ');
  return `SELECT count(*) AS events, count(DISTINCT person_id) AS persons FROM events_resolved
    WHERE ${inProject(d, projectId)}${inRange(d, range)} AND (${any})`;
}
