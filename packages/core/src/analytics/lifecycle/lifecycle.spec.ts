import { Type, type Static } from '@sinclair/typebox';
import { EventSelector } from '../matchers/event-selector.ts';
import { CalendarLabel, RangeFields } from '../analysis-range.ts';
import { checkSelector, validateAnalysisSpec, type SpecValidation, type ValidateAnalysisOptions } from '../validate-spec.ts';
import { CALENDAR_INTERVALS, labelIndex, type CalendarInterval } from '../calendar-periods.ts';

/** The statuses, in the order charts stack them. */
export const LIFECYCLE_STATUSES = ['new', 'returning', 'resurrecting', 'dormant'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/**
 * Lifecycle: per period, who is new, returning, resurrecting or dormant for one event
 * (docs/analytics/retention.md).
 */
export const LifecycleSpec = Type.Object(
  {
    kind: Type.Literal('lifecycle'),
    matcher: EventSelector,
    interval: Type.Union(CALENDAR_INTERVALS.map((i) => Type.Literal(i)), { description: 'day, week (from Monday) or month, in the time zone.' }),
    personsAt: Type.Optional(
      Type.Object(
        {
          period: CalendarLabel("A period's label"),
          status: Type.Union(LIFECYCLE_STATUSES.map((s) => Type.Literal(s)), { description: 'new, returning, resurrecting or dormant.' }),
        },
        { additionalProperties: false, description: 'List the persons of one status in one period.' },
      ),
    ),
    ...RangeFields,
  },
  { additionalProperties: false, $id: 'LifecycleSpec' },
);
export type LifecycleSpec = Static<typeof LifecycleSpec>;

export interface LifecyclePeriod {
  /** The period's label (`bucketOf`). */
  readonly period: string;
  /** Active now, and never active before (first-ever matching event in this period). */
  readonly new: number;
  /** Active now and in the previous period. */
  readonly returning: number;
  /** Active now, not in the previous period, but in some earlier one. */
  readonly resurrecting: number;
  /** Active in the previous period, not now. A count of persons (positive); charts draw it below zero. */
  readonly dormant: number;
}

export interface LifecycleResult {
  readonly kind: 'lifecycle';
  readonly interval: CalendarInterval;
  /** Every period the range overlaps, in order. */
  readonly periods: readonly LifecyclePeriod[];
  /** With `personsAt`: the person ids, sorted. */
  readonly persons?: readonly string[];
}

/** The index, among the range's periods, of the one `personsAt` names; an unknown label is a bad request. */
export const personsPeriod = (spec: LifecycleSpec, labels: readonly string[]): number => labelIndex(labels, spec.personsAt!.period, 'personsAt.period');

/**
 * Checks a lifecycle spec, naming the first bad field (WM_REQUEST_INVALID).
 *
 * @example validateLifecycleSpec({ kind: 'lifecycle', matcher: { event: '$page' }, interval: 'week', from: '2026-01-05', to: '2026-03-02' })
 */
export function validateLifecycleSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<LifecycleSpec> {
  return validateAnalysisSpec(LifecycleSpec, input, options, (spec) => checkSelector(spec.matcher, 'matcher'));
}
