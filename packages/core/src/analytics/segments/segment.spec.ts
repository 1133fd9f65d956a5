import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '../../errors/waymark-error.ts';
import { parseIsoTimestamp } from '../../events/parse-timestamp.ts';
import { PropertyCondition } from '../../journey/journey-map.schema.ts';
import { EventSelector } from '../matchers/event-selector.ts';
import { checkCondition, checkSelector, shapeError } from '../validate-spec.ts';

/** A person's trait: its value on the person's latest `$identify` that carries it. */
export const TraitCondition = Type.Object(
  { type: Type.Literal('trait'), condition: PropertyCondition },
  { additionalProperties: false },
);

/** Did the matching event between `min` and `max` times (default at least once), within the last `withinDays` days. */
export const BehaviorCondition = Type.Object(
  {
    type: Type.Literal('behavior'),
    matcher: EventSelector,
    min: Type.Optional(Type.Integer({ minimum: 0, default: 1 })),
    max: Type.Optional(Type.Integer({ minimum: 0 })),
    withinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);

export const SegmentCondition = Type.Union([TraitCondition, BehaviorCondition]);
export type SegmentCondition = Static<typeof SegmentCondition>;

export const SegmentSpec = Type.Object(
  {
    kind: Type.Literal('segment'),
    /** Every condition of `all`, at least one of `any` (if given), none of `none`. */
    all: Type.Optional(Type.Array(SegmentCondition, { maxItems: 20 })),
    any: Type.Optional(Type.Array(SegmentCondition, { maxItems: 20 })),
    none: Type.Optional(Type.Array(SegmentCondition, { maxItems: 20 })),
    asOf: Type.String({ description: 'ISO-8601: the instant the segment is evaluated at; "last d days" ends here.' }),
    limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 100 })),
  },
  { additionalProperties: false, $id: 'SegmentSpec' },
);
export type SegmentSpec = Static<typeof SegmentSpec>;

export interface SegmentResult {
  /** Persons in the segment. */
  readonly count: number;
  /** The first `limit` of them, by person id. */
  readonly persons: string[];
}

/** Checks a segment spec, naming the first bad field. */
export function validateSegmentSpec(input: unknown): { kind: 'ok'; spec: SegmentSpec } | { kind: 'error'; error: WaymarkError } {
  const wrong = shapeError(SegmentSpec, input);
  if (wrong) return { kind: 'error', error: wrong };
  const spec = input as SegmentSpec;
  if (parseIsoTimestamp(spec.asOf) === null) return { kind: 'error', error: new WaymarkError('WM_REQUEST_INVALID', 'asOf', '"asOf" must be an ISO-8601 date-time') };
  for (const [group, list] of [['all', spec.all], ['any', spec.any], ['none', spec.none]] as const) {
    for (const [i, c] of (list ?? []).entries()) {
      if (c.type === 'trait' && c.condition.property === '$channel') {
        return { kind: 'error', error: new WaymarkError('WM_REQUEST_INVALID', `${group}[${i}].condition.property`, 'a trait is a person property; $channel belongs to events') };
      }
      const problem = c.type === 'trait' ? checkCondition(c.condition, `${group}[${i}].condition`) : checkSelector(c.matcher, `${group}[${i}].matcher`);
      if (problem) return { kind: 'error', error: problem };
      if (c.type === 'behavior' && c.max !== undefined && c.max < (c.min ?? 1)) {
        return { kind: 'error', error: new WaymarkError('WM_REQUEST_INVALID', `${group}[${i}].max`, `${group}[${i}].max: max (${c.max}) is below min (${c.min ?? 1}): nobody could match`) };
      }
    }
  }
  if ((spec.all?.length ?? 0) + (spec.any?.length ?? 0) + (spec.none?.length ?? 0) === 0) {
    return { kind: 'error', error: new WaymarkError('WM_REQUEST_INVALID', 'all', 'a segment needs at least one condition') };
  }
  return { kind: 'ok', spec };
}
