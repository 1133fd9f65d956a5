import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '../../errors/waymark-error.ts';
import { parseIsoTimestamp } from '../../events/parse-timestamp.ts';
import { BreakdownLimit } from '../breakdown-limit.ts';
import { EventSelector } from '../matchers/event-selector.ts';
import { PropertyPath } from '../../journey/journey-map.schema.ts';
import { previousRange, previousRangeUpTo, RangeFields, type AnalysisRange } from '../analysis-range.ts';
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
    property: Type.Optional(PropertyPath('the numeric property for sum, avg, min, max and percentiles: a name or a dotted path')),
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
    breakdown: Type.Optional(
      Type.Object(
        {
          property: PropertyPath('a property (a name or a dotted path), or $channel'),
          limit: BreakdownLimit('events in the range, as lines'),
        },
        { additionalProperties: false },
      ),
    ),
    compare: Type.Optional(Type.Boolean({ description: 'Also compute the previous period of the same length.' })),
    asOf: Type.Optional(
      Type.String({
        description:
          'ISO-8601: the time the range is read at (with `compare`). When it falls inside the range, the period before is also totalled up to the same point (`previous.soFar`), so a range not over yet compares like for like.',
      }),
    ),
    personsAt: Type.Optional(
      Type.Object(
        {
          series: Type.Integer({ minimum: 0, description: 'The index of the series.' }),
          bucket: Type.Optional(Type.String({ minLength: 1, description: "A period's label, as in `buckets`; without it, the whole range." })),
          breakdown: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The breakdown value of the line (null: missing), when the spec has a breakdown.' })),
          previous: Type.Optional(Type.Boolean({ description: 'The line of the period before (`previous`, with `compare`); `bucket` is then one of its periods.' })),
        },
        { additionalProperties: false, description: 'List the persons behind a line: who did the series in the range, or in one period of it.' },
      ),
    ),
  },
  { additionalProperties: false, $id: 'TrendsSpec' },
);
export type TrendsSpec = Static<typeof TrendsSpec>;

/** The most hours a trend counts: a year by hour is 8,784; ten years by hour (87,600 periods) is a mistake, not a question. */
export const MAX_TREND_HOURS = 10_000;

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
    const [from, to] = [parseIsoTimestamp(spec.from), parseIsoTimestamp(spec.to)];
    // Days, weeks and months stay within it over the longest range; hours do not.
    if (spec.interval === 'hour' && from !== null && to !== null && to - from > MAX_TREND_HOURS * 3_600_000) {
      return new WaymarkError('WM_REQUEST_INVALID', 'interval', `interval: a trend by hour covers at most ${MAX_TREND_HOURS.toLocaleString('en-US')} hours; count this range by day, week or month`);
    }
    if (spec.asOf !== undefined) {
      if (!spec.compare) return new WaymarkError('WM_REQUEST_INVALID', 'asOf', 'asOf: the spec does not compare with the period before (compare)');
      if (parseIsoTimestamp(spec.asOf) === null) return new WaymarkError('WM_REQUEST_INVALID', 'asOf', '"asOf" must be an ISO-8601 date-time');
    }
    return spec.personsAt ? checkPersonsAt(spec, spec.personsAt) : null;
  });
}

function checkPersonsAt(spec: TrendsSpec, at: NonNullable<TrendsSpec['personsAt']>): WaymarkError | null {
  if (at.series >= spec.series.length) return new WaymarkError('WM_REQUEST_INVALID', 'personsAt.series', `personsAt.series: the spec has ${spec.series.length} series`);
  if (spec.breakdown && at.breakdown === undefined) return new WaymarkError('WM_REQUEST_INVALID', 'personsAt.breakdown', 'personsAt.breakdown: name the line\'s breakdown value (null for missing)');
  if (!spec.breakdown && at.breakdown !== undefined) return new WaymarkError('WM_REQUEST_INVALID', 'personsAt.breakdown', 'personsAt.breakdown: the spec has no breakdown');
  if (at.previous && !spec.compare) return new WaymarkError('WM_REQUEST_INVALID', 'personsAt.previous', 'personsAt.previous: the spec does not compare with the period before (compare)');
  return null;
}

/** The period before up to `asOf` (`previous.soFar`): null unless the spec compares and `asOf` falls inside the range. */
export const soFarRange = (spec: TrendsSpec, range: AnalysisRange): AnalysisRange | null =>
  spec.compare && spec.asOf !== undefined ? previousRangeUpTo(range, parseIsoTimestamp(spec.asOf)) : null;

/** The range whose persons `personsAt` asks for: the spec's, or the one before it. */
export const personsRange = (spec: TrendsSpec, range: AnalysisRange): AnalysisRange => (spec.personsAt?.previous ? previousRange(range) : range);

