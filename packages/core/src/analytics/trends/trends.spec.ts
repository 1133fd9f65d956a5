import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '../../errors/waymark-error.ts';
import { EventSelector } from '../matchers/event-selector.ts';
import { RangeFields } from '../analysis-range.ts';
import { INTERVALS } from '../time-buckets.ts';
import { checkSelector, validateAnalysisSpec, type SpecValidation, type ValidateAnalysisOptions } from '../validate-spec.ts';

/** What a trend series measures per period: events, distinct persons, or a numeric property. */
export const TREND_MEASURES = ['count', 'persons', 'sum', 'avg', 'min', 'max', 'p50', 'p90', 'p99'] as const;
export type TrendMeasure = (typeof TREND_MEASURES)[number];
const PROPERTY_MEASURES: readonly TrendMeasure[] = ['sum', 'avg', 'min', 'max', 'p50', 'p90', 'p99'];

export const TrendSeries = Type.Object(
  {
    matcher: EventSelector,
    measure: Type.Union(TREND_MEASURES.map((m) => Type.Literal(m))),
    property: Type.Optional(Type.String({ minLength: 1, description: 'The numeric property for sum, avg, min, max and percentiles.' })),
    label: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const TrendsSpec = Type.Object(
  {
    kind: Type.Literal('trends'),
    series: Type.Array(TrendSeries, { minItems: 1, maxItems: 10 }),
    interval: Type.Union(INTERVALS.map((i) => Type.Literal(i))),
    ...RangeFields,
    breakdown: Type.Optional(Type.Object({ property: Type.String({ minLength: 1, description: 'A property, or $channel.' }) }, { additionalProperties: false })),
    compare: Type.Optional(Type.Boolean({ description: 'Also compute the previous period of the same length.' })),
  },
  { additionalProperties: false, $id: 'TrendsSpec' },
);
export type TrendsSpec = Static<typeof TrendsSpec>;

/** Checks a trends spec, naming the first bad field (shape, condition values, measures, range). */
export function validateTrendsSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<TrendsSpec> {
  return validateAnalysisSpec(TrendsSpec, input, options, (spec) => {
    for (const [i, s] of spec.series.entries()) {
      if (PROPERTY_MEASURES.includes(s.measure) && s.property === undefined) {
        return new WaymarkError('WM_REQUEST_INVALID', `series[${i}].property`, `measure "${s.measure}" needs a numeric property`);
      }
      const problem = checkSelector(s.matcher, `series[${i}].matcher`);
      if (problem) return problem;
    }
    return null;
  });
}
