import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '../../errors/waymark-error.ts';
import { labelIndex, periodAfter, periodNumber } from '../calendar-periods.ts';
import { EventSelector } from '../matchers/event-selector.ts';
import { CalendarLabel, RangeFields } from '../analysis-range.ts';
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
    personsAt: Type.Optional(
      Type.Object(
        {
          period: CalendarLabel("A period's label"),
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 31, description: 'Only those active on exactly this many days of it; without it, everyone active in it.' })),
        },
        { additionalProperties: false, description: 'List the persons of a period, or of one of its day counts.' },
      ),
    ),
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
  /** With `personsAt`: the person ids, sorted. */
  readonly persons?: readonly string[];
}

/** How many days the period a label names holds: 7 for a week, 28 to 31 for a month (none for a label of no month, which `personsPeriod` refuses). */
function daysIn(label: string, interval: StickinessInterval): number | undefined {
  if (interval === 'week') return STICKINESS_MAX_DAYS.week;
  const first = `${label.slice(0, 8)}01`;
  const days = periodNumber(periodAfter(first, 1, 'month'), 'day') - periodNumber(first, 'day');
  return days >= 28 && days <= 31 ? days : undefined;
}

/** The index, among the range's periods, of the one `personsAt` names; an unknown label is a bad request. */
export const personsPeriod = (spec: StickinessSpec, labels: readonly string[]): number => labelIndex(labels, spec.personsAt!.period, 'personsAt.period');

/**
 * Checks a stickiness spec, naming the first bad field (WM_REQUEST_INVALID).
 *
 * @example validateStickinessSpec({ kind: 'stickiness', matcher: { event: '$page' }, interval: 'week', from: '2026-01-05', to: '2026-03-02' })
 */
export function validateStickinessSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<StickinessSpec> {
  return validateAnalysisSpec(StickinessSpec, input, options, (spec) => {
    const days = spec.personsAt?.days;
    const held = spec.personsAt && daysIn(spec.personsAt.period, spec.interval);
    if (days !== undefined && held !== undefined && days > held) {
      return new WaymarkError('WM_REQUEST_INVALID', 'personsAt.days', `personsAt.days: ${spec.personsAt!.period}'s ${spec.interval} has ${held} days`);
    }
    return checkSelector(spec.matcher, 'matcher');
  });
}
