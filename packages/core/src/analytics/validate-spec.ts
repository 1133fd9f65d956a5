import { Value, ValueErrorType } from '@sinclair/typebox/value';
import type { Static, TSchema, TUnion } from '@sinclair/typebox';
import type { ValueError } from '@sinclair/typebox/value';
import { WaymarkError, isWaymarkError } from '../errors/waymark-error.ts';
import { listProblem, type EventMatcher, type PropertyCondition } from '../journey/journey-map.schema.ts';
import { pointerToPath } from '../journey/validate-journey-map.ts';
import { readRange } from './analysis-range.ts';
import { selectorMatchers, type EventSelector } from './matchers/event-selector.ts';

export type SpecValidation<S> = { readonly kind: 'ok'; readonly spec: S } | { readonly kind: 'error'; readonly error: WaymarkError };

export interface ValidateAnalysisOptions {
  /** The time zone when the spec names none (the project's). Default UTC. */
  readonly defaultTimeZone?: string;
}

/** Shape, then the spec's own checks, then the range (`from`, `to`, `timeZone`). */
export function validateAnalysisSpec<T extends TSchema>(
  schema: T,
  input: unknown,
  options: ValidateAnalysisOptions,
  check: (spec: Static<T>) => WaymarkError | null,
): SpecValidation<Static<T>> {
  const wrong = shapeError(schema, input);
  if (wrong) return { kind: 'error', error: wrong };
  const spec = input as Static<T>;
  const problem = check(spec);
  if (problem) return { kind: 'error', error: problem };
  try {
    readRange(spec as { from: string; to: string; timeZone?: string }, options.defaultTimeZone ?? 'UTC');
  } catch (e) {
    if (isWaymarkError(e)) return { kind: 'error', error: e };
    throw e;
  }
  return { kind: 'ok', spec };
}

/** The first way `input` does not fit `schema`, as a bad request naming the field (inside the union variant it meant), or null. */
export function shapeError(schema: TSchema, input: unknown): WaymarkError | null {
  const found = Value.Errors(schema, input).First();
  if (!found) return null;
  const first = meantVariant(found);
  const path = pointerToPath(first.path);
  // "Expected union value" or "Expected string to match '^(?:...'" says nothing; the field's description says what it takes.
  const text = ((first.type === ValueErrorType.Union || first.type === ValueErrorType.StringPattern) && (first.schema as TSchema).description) || first.message;
  return invalid(path, text === first.message ? lowerFirst(text) : `expected ${lowerFirst(text)}`);
}

/**
 * A union's error as the variant the value meant: an object with every required key of one
 * object variant ({anyOf} or {event}) gets that variant's own error, which names the field
 * inside it; otherwise the union's error stands.
 */
function meantVariant(error: ValueError): ValueError {
  if (error.type !== ValueErrorType.Union || typeof error.value !== 'object' || error.value === null) return error;
  const value = error.value as object;
  const variants = (error.schema as TUnion).anyOf;
  const meant = variants.findIndex((v) => v['type'] === 'object' && Array.isArray(v['required']) && v['required'].length > 0 && (v['required'] as string[]).every((k) => k in value));
  const inner = meant >= 0 ? error.errors[meant]?.First() : undefined;
  return inner ? meantVariant(inner) : error;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const invalid = (path: string, message: string) => new WaymarkError('WM_REQUEST_INVALID', path || null, path ? `${path}: ${message}` : message);

/** Condition values must fit their operator, or the reference and the SQL could not agree on a meaning. */
export function checkMatcher(matcher: EventMatcher, at: string): WaymarkError | null {
  for (const [i, c] of (matcher.where ?? []).entries()) {
    const problem = checkCondition(c, `${at}.where[${i}]`);
    if (problem) return problem;
  }
  return null;
}

/** Every matcher of a selector, each named by its path (`at.anyOf[j]` in an any-of). */
export function checkSelector(selector: EventSelector, at: string): WaymarkError | null {
  for (const [j, m] of selectorMatchers(selector).entries()) {
    const problem = checkMatcher(m, 'anyOf' in selector ? `${at}.anyOf[${j}]` : at);
    if (problem) return problem;
  }
  return null;
}

/** One condition's value against its operator; `at` is the condition's path. */
export function checkCondition(c: PropertyCondition, at: string): WaymarkError | null {
  const path = `${at}.value`;
  const has = c.value !== undefined;
  switch (c.op) {
    case 'exists':
    case 'not_exists':
      if (has) return invalid(path, `"${c.op}" takes no value`);
      break;
    case 'in':
    case 'not_in': {
      const problem = listProblem(c.op, c.value);
      if (problem) return invalid(`${path}${problem.at}`, problem.message);
      break;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof c.value !== 'number' || !Number.isFinite(c.value)) return invalid(path, `"${c.op}" needs a number`);
      break;
    case 'contains':
      if (typeof c.value !== 'string' && typeof c.value !== 'number') return invalid(path, '"contains" needs a string');
      break;
    case 'eq':
    case 'neq':
      if (!has || (c.value !== null && typeof c.value === 'object')) return invalid(path, `"${c.op}" needs a string, number, boolean or null`);
      break;
  }
  return null;
}

