import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '../../errors/waymark-error.ts';
import { RangeFields, readRange, type AnalysisRange } from '../analysis-range.ts';
import { validateAnalysisSpec, type SpecValidation, type ValidateAnalysisOptions } from '../validate-spec.ts';
import { bucketOf } from '../time-buckets.ts';
import { BreakdownLimit } from '../breakdown-limit.ts';
import { PropertyPath } from '../../journey/journey-map.schema.ts';
import { METRIC_IDS, METRIC_PARAMETER_DEFAULTS, METRIC_PARAMETERS, metricDefinition, type MetricId, type MetricParameter, type MetricParameters } from './metric-definitions.ts';

/** Periods a metric series can have: whole calendar periods in the time zone. */
export const METRIC_INTERVALS = ['day', 'week', 'month'] as const;
export type MetricInterval = (typeof METRIC_INTERVALS)[number];
/** A series is one query per period: more than this is a spec error, not a slow answer. */
export const METRIC_MAX_PERIODS = 400;

const overrides = (p: MetricParameter) => `Overrides the default ${JSON.stringify(METRIC_PARAMETER_DEFAULTS[p])}.`;
/** An override: an event's name, or a property's (`...Property`). */
const parameter = (p: MetricParameter) =>
  Type.Optional(p.endsWith('Property') ? PropertyPath(`a property (a name or a dotted path). ${overrides(p)}`) : Type.String({ minLength: 1, maxLength: 200, description: overrides(p) }));

export const MetricSpec = Type.Object(
  {
    kind: Type.Literal('metric'),
    metric: Type.Union(METRIC_IDS.map((m) => Type.Literal(m)), { description: 'A metric of the catalog (docs/analytics/metrics.md).' }),
    ...RangeFields,
    interval: Type.Optional(Type.Union(METRIC_INTERVALS.map((i) => Type.Literal(i)), { description: 'Also compute the metric per day, week (from Monday) or month.' })),
    breakdown: Type.Optional(
      Type.Object(
        { property: PropertyPath('a property of the counted events (a name or a dotted path), or $channel'), limit: BreakdownLimit('counted (the denominator) over the range') },
        { additionalProperties: false },
      ),
    ),
    ...(Object.fromEntries(METRIC_PARAMETERS.map((p) => [p, parameter(p)])) as Record<
      keyof MetricParameters,
      ReturnType<typeof parameter>
    >),
  },
  { additionalProperties: false, $id: 'MetricSpec' },
);
/** A metric spec (`metric` narrowed to the catalog's ids). */
export type MetricSpec = Omit<Static<typeof MetricSpec>, 'metric'> & { readonly metric: MetricId };

/** A value with the counts it comes from; `value` is computed from them, so every engine reports the same. */
export interface MetricValue {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
}
export interface MetricPoint extends MetricValue {
  /** The period's label (`bucketOf`: its first day). */
  readonly bucket: string;
}
export interface MetricBreakdownLine extends MetricValue {
  /** The breakdown value (null: the property is missing or not a scalar). */
  readonly key: string | null;
  readonly series?: readonly MetricPoint[];
}
export interface MetricResult extends MetricValue {
  readonly kind: 'metric';
  readonly metric: MetricId;
  readonly unit: string;
  readonly series?: readonly MetricPoint[];
  /** With a breakdown: at most its `limit` values, the largest denominator first. */
  readonly breakdown?: readonly MetricBreakdownLine[];
  /** With a breakdown: how many values it has, those left out included. */
  readonly breakdownValues?: number;
}

/**
 * Checks a metric spec: its shape, that every override is one the metric reads, that the
 * metric can be broken down, and the range. Errors are WM_REQUEST_INVALID naming the field.
 *
 * @example
 * validateMetricSpec({ kind: 'metric', metric: 'aov', from: '2026-01-01', to: '2026-02-01', revenueProperty: 'total' })
 */
export function validateMetricSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<MetricSpec> {
  return validateAnalysisSpec(MetricSpec, input, options, (checked) => {
    const spec = checked as MetricSpec;
    const definition = metricDefinition(spec.metric);
    for (const p of METRIC_PARAMETERS) {
      if (spec[p] !== undefined && !(definition.parameters as readonly string[]).includes(p)) {
        return new WaymarkError('WM_REQUEST_INVALID', p, `${p}: metric "${spec.metric}" does not read it (it reads ${definition.parameters.join(', ') || 'nothing to override'})`);
      }
    }
    if (spec.breakdown && definition.breakdown !== 'event') {
      return new WaymarkError('WM_REQUEST_INVALID', 'breakdown', `breakdown: metric "${spec.metric}" ${definition.breakdown === 'source' ? 'is always broken down by source' : 'cannot be broken down'}`);
    }
    if (spec.interval) {
      try {
        const range = readRange(spec, options.defaultTimeZone ?? 'UTC');
        if (metricWindows(range, spec.interval).length - 1 > METRIC_MAX_PERIODS) {
          return new WaymarkError('WM_REQUEST_INVALID', 'interval', `interval: a series may have at most ${METRIC_MAX_PERIODS} periods`);
        }
      } catch {
        // The range itself is checked next, naming its own field.
      }
    }
    return null;
  }) as SpecValidation<MetricSpec>;
}

/** The spec's event and property names, defaults filled in. */
export function metricParameters(spec: MetricSpec): MetricParameters {
  const out: Record<string, unknown> = { ...METRIC_PARAMETER_DEFAULTS };
  for (const p of METRIC_PARAMETERS) if (spec[p] !== undefined) out[p] = spec[p];
  return out as MetricParameters;
}

/** A window a metric is computed over: the range, or one period of it. */
export interface MetricWindow {
  readonly bucket: string | null;
  readonly from: number;
  readonly to: number;
  readonly timeZone: string;
}

/**
 * The windows of a spec: the whole range first, then (with an interval) each period the range
 * overlaps, cut to the range. Period starts are found to the millisecond by bisection on
 * `bucketOf`, so daylight-saving days (23 or 25 hours) and odd offsets need no special case.
 */
export function metricWindows(range: AnalysisRange, interval?: MetricInterval): MetricWindow[] {
  const windows: MetricWindow[] = [{ bucket: null, from: range.from, to: range.to, timeZone: range.timeZone }];
  if (!interval) return windows;
  let start = range.from;
  while (start < range.to && windows.length <= METRIC_MAX_PERIODS + 1) {
    const label = bucketOf(start, interval, range.timeZone);
    // The next period starts within 32 days (a month and a daylight-saving shift).
    let lo = start;
    let hi = Math.min(range.to, start + 32 * 86_400_000);
    if (bucketOf(hi - 1, interval, range.timeZone) === label) lo = hi;
    else {
      hi -= 1;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (bucketOf(mid, interval, range.timeZone) === label) lo = mid;
        else hi = mid;
      }
    }
    const end = Math.min(hi, range.to);
    windows.push({ bucket: label, from: start, to: end, timeZone: range.timeZone });
    start = end;
  }
  return windows;
}
