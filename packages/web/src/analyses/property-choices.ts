import type { PropertySuggestion } from '../api/types.ts';

/** A property people can split by or measure, from the suggestions of the events it is on. */
export interface PropertyChoice {
  readonly property: string;
  /** Every value seen is a number: it can be summed, averaged and ranked. */
  readonly numeric: boolean;
}

const isNumber = (value: unknown) => typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));

/** The suggested properties in their order (on the most events first); numeric when they have values and every value seen is a number. */
export const propertyChoices = (suggestions: readonly PropertySuggestion[]): PropertyChoice[] =>
  suggestions.map(({ property, values }) => ({ property, numeric: values.length > 0 && values.every((v) => isNumber(v.value)) }));
