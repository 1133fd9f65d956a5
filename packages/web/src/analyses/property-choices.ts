import type { PropertySuggestion } from '../api/types.ts';

/** A property people can split by or measure, from the suggestions of the events it is on. */
export interface PropertyChoice {
  readonly property: string;
  /** Every value seen is a number: it can be summed, averaged and ranked. */
  readonly numeric: boolean;
}

const isNumber = (value: unknown) => typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));

/**
 * The properties of several events (one suggestion list per event), each once, on the most events
 * first; numeric when it has values and every value seen, on every event, is a number.
 */
export function propertyChoices(lists: readonly (readonly PropertySuggestion[])[]): PropertyChoice[] {
  const seen = new Map<string, { count: number; numeric: boolean }>();
  for (const suggestion of lists.flat()) {
    const before = seen.get(suggestion.property);
    const numeric = suggestion.values.length > 0 && suggestion.values.every((v) => isNumber(v.value));
    seen.set(suggestion.property, { count: (before?.count ?? 0) + suggestion.count, numeric: (before?.numeric ?? true) && numeric });
  }
  return [...seen].sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b)).map(([property, { numeric }]) => ({ property, numeric }));
}
