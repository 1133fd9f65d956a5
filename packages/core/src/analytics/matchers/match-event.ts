import type { EventMatcher, PropertyCondition } from '../../journey/journey-map.schema.ts';
import type { AnalysisEvent } from '../analysis-event.ts';
import { propertyNumber, propertyValue } from './property-value.ts';

/** Equality is typed: a string equals only a string, a number only a number, a boolean only a boolean. */
const same = (actual: unknown, expected: unknown) =>
  (typeof expected === 'string' || typeof expected === 'number' || typeof expected === 'boolean') && actual === expected;

/**
 * The reference meaning of a property condition:
 * - `eq` / `neq`, `in` / `not_in`: typed equality with (one of) the given value(s); a missing
 *   property equals nothing, so `neq` and `not_in` match it;
 * - `contains`: a string property contains the given text (case-sensitive);
 * - `gt`, `gte`, `lt`, `lte`: numeric comparison, only for number properties;
 * - `exists` / `not_exists`: the property holds a value other than null.
 */
export function matchesCondition(condition: PropertyCondition, e: AnalysisEvent): boolean {
  const raw = condition.property === '$channel' ? e.channel : propertyValue(e.properties, condition.property);
  const expected = condition.value;
  switch (condition.op) {
    case 'eq':
      return same(raw, expected);
    case 'neq':
      return !same(raw, expected);
    case 'in':
      return (expected as unknown[]).some((v) => same(raw, v));
    case 'not_in':
      return !(expected as unknown[]).some((v) => same(raw, v));
    case 'contains':
      return typeof raw === 'string' && raw.includes(String(expected));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const n = propertyNumber(raw);
      const bound = Number(expected);
      if (n === null) return false;
      return condition.op === 'gt' ? n > bound : condition.op === 'gte' ? n >= bound : condition.op === 'lt' ? n < bound : n <= bound;
    }
    case 'exists':
      return raw !== undefined && raw !== null;
    case 'not_exists':
      return raw === undefined || raw === null;
  }
}

/** An event matches when its name is the matcher's and every condition holds. */
export const matchesEvent = (matcher: EventMatcher, e: AnalysisEvent): boolean =>
  e.event === matcher.event && (matcher.where ?? []).every((c) => matchesCondition(c, e));
