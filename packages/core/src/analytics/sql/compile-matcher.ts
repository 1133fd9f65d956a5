import type { EventMatcher, PropertyCondition } from '../../journey/journey-map.schema.ts';
import { selectorMatchers, type EventSelector } from '../matchers/event-selector.ts';
import type { SqlDialect } from './dialect.ts';

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

/** Typed equality with one value, as matchesCondition defines it. */
function equals(d: SqlDialect, path: string, value: unknown, col: string): string {
  if (path === '$channel') return typeof value === 'string' ? `channel = ${d.string(value)}` : 'false';
  if (!isScalar(value)) return 'false';
  if (typeof value === 'string') return `coalesce(${d.propertyKind(path, col)} = 'string' AND ${d.propertyString(path, col)} = ${d.string(value)}, false)`;
  if (typeof value === 'number') return `coalesce(${d.propertyKind(path, col)} = 'number' AND ${d.propertyNumber(path, col)} = ${d.number(value)}, false)`;
  return `coalesce(${d.propertyKind(path, col)} = 'boolean' AND ${d.propertyBoolean(path, col)} = ${value ? 'true' : 'false'}, false)`;
}

/**
 * A property condition as a SQL boolean that is never NULL, meaning exactly what
 * matchesCondition means; it reads the `properties` column unless another is named.
 */
export function compileCondition(d: SqlDialect, c: PropertyCondition, col = 'properties'): string {
  const path = c.property;
  const values = Array.isArray(c.value) ? c.value : [];
  switch (c.op) {
    case 'eq':
      return equals(d, path, c.value, col);
    case 'neq':
      return `NOT (${equals(d, path, c.value, col)})`;
    case 'in':
      return values.length === 0 ? 'false' : `(${values.map((v) => equals(d, path, v, col)).join(' OR ')})`;
    case 'not_in':
      return values.length === 0 ? 'true' : `NOT (${values.map((v) => equals(d, path, v, col)).join(' OR ')})`;
    case 'contains': {
      const needle = d.string(String(c.value));
      if (path === '$channel') return d.contains('channel', needle);
      return `coalesce(${d.propertyKind(path, col)} = 'string' AND ${d.contains(d.propertyString(path, col), needle)}, false)`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op];
      const bound = Number(c.value);
      if (path === '$channel' || !Number.isFinite(bound)) return 'false';
      return `coalesce(${d.propertyKind(path, col)} = 'number' AND ${d.propertyNumber(path, col)} ${op} ${d.number(bound)}, false)`;
    }
    case 'exists':
      return path === '$channel' ? 'true' : `(${d.propertyKind(path, col)} IS NOT NULL OR coalesce(${existsObject(d, path, col)}, false))`;
    case 'not_exists':
      return path === '$channel' ? 'false' : `NOT (${d.propertyKind(path, col)} IS NOT NULL OR coalesce(${existsObject(d, path, col)}, false))`;
  }
}

/** Objects and arrays exist too, though they have no kind analyses compare. */
function existsObject(d: SqlDialect, path: string, col: string): string {
  return d.name === 'duckdb'
    ? `json_type(${col}, ${d.string(`$${path.split('.').map((k) => `."${k.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join('')}`)}) IN ('OBJECT', 'ARRAY')`
    : `JSONType(${col}, ${path.split('.').map((k) => d.string(k)).join(', ')}) IN ('Object', 'Array')`;
}

/** A text column equal to a breakdown value, where null is the missing value (IS NULL, not = NULL). */
export const textIs = (d: SqlDialect, column: string, value: string | null): string => (value === null ? `${column} IS NULL` : `${column} = ${d.string(value)}`);

/** An event matcher as a SQL boolean over one row of events_resolved. */
export function compileMatcher(d: SqlDialect, m: EventMatcher): string {
  return [`event = ${d.string(m.event)}`, ...(m.where ?? []).map((c) => compileCondition(d, c))].join(' AND ');
}

/** A selector as a SQL boolean: one matcher as it is, an any-of as an OR of its matchers. */
export function compileSelector(d: SqlDialect, s: EventSelector): string {
  const matchers = selectorMatchers(s);
  return matchers.length === 1 ? compileMatcher(d, matchers[0]!) : `(${matchers.map((m) => `(${compileMatcher(d, m)})`).join(' OR ')})`;
}
