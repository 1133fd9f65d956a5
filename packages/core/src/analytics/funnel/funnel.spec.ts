import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { WaymarkError } from '../../errors/waymark-error.ts';
import { RangeFields } from '../analysis-range.ts';
import { EventSelector } from '../matchers/event-selector.ts';
import { BreakdownLimit } from '../breakdown-limit.ts';
import { PropertyPath } from '../../journey/journey-map.schema.ts';
import { checkSelector, validateAnalysisSpec, type SpecValidation, type ValidateAnalysisOptions } from '../validate-spec.ts';
import { INTERVALS } from '../time-buckets.ts';

/**
 * A funnel: persons who do step 1, then step 2, ... within a conversion window
 * (docs/analytics/funnel.md has the exact definition; `funnelReference` is its executable form).
 */

/** How steps must follow each other: in order with anything between, in order with nothing between, or in any order. */
export const FUNNEL_ORDERS = ['ordered', 'strict', 'any'] as const;
export type FunnelOrder = (typeof FUNNEL_ORDERS)[number];
export const isFunnelOrder = (value: unknown): value is FunnelOrder => (FUNNEL_ORDERS as readonly unknown[]).includes(value);

export const WINDOW_UNITS = ['minute', 'hour', 'day'] as const;
export type WindowUnit = (typeof WINDOW_UNITS)[number];
const UNIT_MS: Readonly<Record<WindowUnit, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MAX_WINDOW_MS = 366 * 86_400_000;

const literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)), { description: `One of ${values.join(', ')}.` }) as TUnion<TLiteral<T[number]>[]>;
const closed = { additionalProperties: false } as const;
/** The most steps a funnel has. */
export const MAX_FUNNEL_STEPS = 20;
const StepIndex = Type.Integer({ minimum: 0, maximum: MAX_FUNNEL_STEPS - 1, description: 'A step index, from 0.' });

export const FunnelExclusion = Type.Object(
  {
    matcher: EventSelector,
    afterStep: StepIndex,
    beforeStep: StepIndex,
  },
  { ...closed, description: 'An attempt with a matching event strictly between its afterStep and beforeStep events does not count.' },
);
export type FunnelExclusion = Static<typeof FunnelExclusion>;

/** A step: an event, or any of several (a stage of a journey, reached through any of its touchpoints). */
export const FunnelStep = EventSelector;
export type FunnelStep = EventSelector;

export const FunnelSpec = Type.Object(
  {
    kind: Type.Literal('funnel'),
    steps: Type.Array(FunnelStep, { minItems: 2, maxItems: MAX_FUNNEL_STEPS }),
    window: Type.Object(
      { value: Type.Integer({ minimum: 1 }), unit: literals(WINDOW_UNITS) },
      { ...closed, description: 'Conversion window from the first step (inclusive; a day is 24 hours). At most 366 days.' },
    ),
    order: literals(FUNNEL_ORDERS),
    exclusions: Type.Optional(Type.Array(FunnelExclusion, { maxItems: 10 })),
    breakdown: Type.Optional(
      Type.Union(
        [
          Type.Object({ property: PropertyPath(), limit: BreakdownLimit('persons at the first step') }, closed),
          Type.Object({ by: Type.Literal('channel'), limit: BreakdownLimit('persons at the first step') }, closed),
        ],
        { description: '{property} (a property of the first step event) or {by: "channel"}' },
      ),
    ),
    holdConstant: Type.Optional(Type.Array(PropertyPath(), { maxItems: 3, description: 'Properties every step event must share with the first.' })),
    ...RangeFields,
    interval: Type.Optional(literals(INTERVALS)),
    histogramBuckets: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Time-to-convert histogram bins (default 10).' })),
    personsAt: Type.Optional(
      Type.Object(
        {
          step: StepIndex,
          outcome: literals(['converted', 'dropped'] as const),
          breakdown: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: "Only the persons of this breakdown group (null: the missing value's)." })),
          bucket: Type.Optional(Type.String({ minLength: 1, description: 'Only the persons whose attempt started in this period of `overTime` (its label); needs `interval`.' })),
        },
        { ...closed, description: 'List the persons who reached (converted) or stopped just before (dropped) this step.' },
      ),
    ),
  },
  { ...closed, $id: 'FunnelSpec' },
);
export type FunnelSpec = Static<typeof FunnelSpec>;

/** The conversion window in milliseconds. */
export const windowMs = (spec: Pick<FunnelSpec, 'window'>): number => spec.window.value * UNIT_MS[spec.window.unit];

/** The text of a breakdown or hold-constant property: `$channel` reads the event's channel. */
export const breakdownPath = (spec: Pick<FunnelSpec, 'breakdown'>): string | null =>
  spec.breakdown === undefined ? null : 'by' in spec.breakdown ? '$channel' : spec.breakdown.property;

/**
 * Checks a funnel spec: its shape, condition values, step indexes of exclusions and
 * `personsAt`, the window and the range. The first problem is reported as WM_REQUEST_INVALID
 * with the path of the bad field.
 *
 * @example
 * const r = validateFunnelSpec(body);
 * if (r.kind === 'error') reply.code(400).send(r.error.toBody()); // path: "exclusions[0].beforeStep"
 */
export function validateFunnelSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<FunnelSpec> {
  return validateAnalysisSpec(FunnelSpec, input, options, checkFunnel);
}

const invalid = (path: string, message: string) => new WaymarkError('WM_REQUEST_INVALID', path, `${path}: ${message}`);

function checkFunnel(spec: FunnelSpec): WaymarkError | null {
  for (const [i, step] of spec.steps.entries()) {
    const problem = checkSelector(step, `steps[${i}]`);
    if (problem) return problem;
  }
  if (windowMs(spec) > MAX_WINDOW_MS) return invalid('window.value', 'the window may be at most 366 days');
  const last = spec.steps.length - 1;
  for (const [i, x] of (spec.exclusions ?? []).entries()) {
    const at = `exclusions[${i}]`;
    const problem = checkSelector(x.matcher, `${at}.matcher`);
    if (problem) return problem;
    if (x.beforeStep > last) return invalid(`${at}.beforeStep`, `the funnel has steps 0..${last}`);
    if (x.afterStep >= x.beforeStep) return invalid(`${at}.afterStep`, 'must be before beforeStep');
    if (spec.order === 'any' && (x.afterStep !== 0 || x.beforeStep !== last)) {
      return invalid(`${at}.afterStep`, `in an "any" order funnel an exclusion spans the whole funnel (afterStep 0, beforeStep ${last})`);
    }
  }
  if (spec.personsAt) {
    if (spec.personsAt.step > last) return invalid('personsAt.step', `the funnel has steps 0..${last}`);
    if (spec.personsAt.outcome === 'dropped' && spec.personsAt.step === 0) return invalid('personsAt.step', 'nobody drops before the first step');
    if (spec.personsAt.breakdown !== undefined && !spec.breakdown) return invalid('personsAt.breakdown', 'the funnel has no breakdown');
    if (spec.personsAt.bucket !== undefined && !spec.interval) return invalid('personsAt.bucket', 'the funnel has no interval, so no periods');
  }
  return null;
}
