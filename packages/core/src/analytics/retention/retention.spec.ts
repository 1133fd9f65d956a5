import { Type, type Static } from '@sinclair/typebox';
import { EventSelector } from '../matchers/event-selector.ts';
import { RangeFields } from '../analysis-range.ts';
import { CALENDAR_INTERVALS, type CalendarInterval } from '../calendar-periods.ts';
import { checkSelector, validateAnalysisSpec, type SpecValidation, type ValidateAnalysisOptions } from '../validate-spec.ts';

/**
 * Retention: persons enter a cohort in the period of their first-ever `cohortEvent`, and
 * `returned[k]` counts those who did `returnEvent` k periods later (docs/analytics/retention.md).
 */

export const RetentionSpec = Type.Object(
  {
    kind: Type.Literal('retention'),
    cohortEvent: EventSelector,
    returnEvent: EventSelector,
    interval: Type.Union(CALENDAR_INTERVALS.map((i) => Type.Literal(i)), { description: 'day, week (from Monday) or month, in the time zone.' }),
    periods: Type.Integer({ minimum: 1, maximum: 52, description: 'Report returns in periods 0..periods after the cohort period.' }),
    ...RangeFields,
  },
  { additionalProperties: false, $id: 'RetentionSpec' },
);
export type RetentionSpec = Static<typeof RetentionSpec>;

export interface RetentionCohort {
  /** The cohort period's label (`bucketOf`: its first day, `YYYY-MM-DD`). */
  readonly cohort: string;
  /** Persons whose first-ever cohort event falls in this period. */
  readonly size: number;
  /** `returned[k]`: cohort persons with a return event k periods after the cohort period (k = 0..periods). */
  readonly returned: readonly number[];
  /** `returned[k] / size` (0 for an empty cohort). */
  readonly rates: readonly number[];
}

export interface RetentionResult {
  readonly kind: 'retention';
  readonly interval: CalendarInterval;
  readonly periods: number;
  /** Every period the range overlaps, in order, empty cohorts included. */
  readonly cohorts: readonly RetentionCohort[];
}

/**
 * Checks a retention spec: its shape, the values of property conditions, and the range.
 * The first problem is reported as WM_REQUEST_INVALID with the path of the bad field.
 *
 * @example
 * const r = validateRetentionSpec(body);
 * if (r.kind === 'error') reply.code(400).send(r.error.toBody()); // path: "returnEvent.where[0].value"
 */
export function validateRetentionSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<RetentionSpec> {
  return validateAnalysisSpec(RetentionSpec, input, options, (spec) => checkSelector(spec.cohortEvent, 'cohortEvent') ?? checkSelector(spec.returnEvent, 'returnEvent'));
}
