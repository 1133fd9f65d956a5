import { Type, type Static } from '@sinclair/typebox';
import { EventSelector } from '../matchers/event-selector.ts';
import { RangeFields } from '../analysis-range.ts';
import { checkSelector, validateAnalysisSpec, type SpecValidation, type ValidateAnalysisOptions } from '../validate-spec.ts';

/**
 * Stickiness: per week or month, how many persons did an event on exactly 1, 2, ... distinct
 * days of it (docs/analytics/retention.md).
 */
export const STICKINESS_INTERVALS = ['week', 'month'] as const;
export type StickinessInterval = (typeof STICKINESS_INTERVALS)[number];
/** The most days a period can hold: the length of `days` in a result. */
export const STICKINESS_MAX_DAYS: Readonly<Record<StickinessInterval, number>> = { week: 7, month: 31 };

export const StickinessSpec = Type.Object(
  {
    kind: Type.Literal('stickiness'),
    matcher: EventSelector,
    interval: Type.Union(STICKINESS_INTERVALS.map((i) => Type.Literal(i)), { description: 'week (from Monday) or month, in the time zone.' }),
    ...RangeFields,
  },
  { additionalProperties: false, $id: 'StickinessSpec' },
);
export type StickinessSpec = Static<typeof StickinessSpec>;

export interface StickinessPeriod {
  /** The period's label (`bucketOf`). */
  readonly period: string;
  /** Persons who did the event at least once in the period. */
  readonly persons: number;
  /** `days[i]`: persons who did it on exactly i + 1 distinct days (local dates) of the period. */
  readonly days: readonly number[];
}

export interface StickinessResult {
  readonly kind: 'stickiness';
  readonly interval: StickinessInterval;
  /** Every period the range overlaps, in order. */
  readonly periods: readonly StickinessPeriod[];
}

/**
 * Checks a stickiness spec, naming the first bad field (WM_REQUEST_INVALID).
 *
 * @example validateStickinessSpec({ kind: 'stickiness', matcher: { event: '$page' }, interval: 'week', from: '2026-01-05', to: '2026-03-02' })
 */
export function validateStickinessSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<StickinessSpec> {
  return validateAnalysisSpec(StickinessSpec, input, options, (spec) => checkSelector(spec.matcher, 'matcher'));
}
