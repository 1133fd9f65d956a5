import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '../../errors/waymark-error.ts';
import { EventSelector } from '../matchers/event-selector.ts';
import { CalendarLabel, RangeFields } from '../analysis-range.ts';
import { CALENDAR_INTERVALS, labelIndex, type CalendarInterval } from '../calendar-periods.ts';
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
    returning: Type.Optional(
      Type.Union([Type.Literal('on'), Type.Literal('onOrAfter')], {
        description: '`on` (default): back in the k-th period after the cohort period; `onOrAfter`: back in it or any later one, up to now (unbounded retention).',
      }),
    ),
    personsAt: Type.Optional(
      Type.Object(
        {
          cohort: CalendarLabel("A cohort's label"),
          period: Type.Optional(Type.Integer({ minimum: 0, maximum: 52, description: 'Only those back in this period after the cohort period (0..periods); without it, the whole cohort.' })),
        },
        { additionalProperties: false, description: 'List the persons of a cohort, or of one cell of it.' },
      ),
    ),
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
  /** `returned[k]`: cohort persons with a return event k periods after the cohort period (k = 0..periods); with `returning: onOrAfter`, k periods after it or later. */
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
  /** With `personsAt`: the person ids, sorted. */
  readonly persons?: readonly string[];
}

/** The index, among the range's cohorts (`labels`), of the cohort `personsAt` names; an unknown label is a bad request. */
export const personsCohort = (spec: RetentionSpec, labels: readonly string[]): number => labelIndex(labels, spec.personsAt!.cohort, 'personsAt.cohort');

/**
 * Checks a retention spec: its shape, the values of property conditions, and the range.
 * The first problem is reported as WM_REQUEST_INVALID with the path of the bad field.
 *
 * @example
 * const r = validateRetentionSpec(body);
 * if (r.kind === 'error') reply.code(400).send(r.error.toBody()); // path: "returnEvent.where[0].value"
 */
export function validateRetentionSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<RetentionSpec> {
  return validateAnalysisSpec(RetentionSpec, input, options, (spec) => {
    if (spec.personsAt?.period !== undefined && spec.personsAt.period > spec.periods) {
      return new WaymarkError('WM_REQUEST_INVALID', 'personsAt.period', `personsAt.period: the result has periods 0..${spec.periods}`);
    }
    return checkSelector(spec.cohortEvent, 'cohortEvent') ?? checkSelector(spec.returnEvent, 'returnEvent');
  });
}
