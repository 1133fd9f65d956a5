import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '../../errors/waymark-error.ts';
import { EventSelector } from '../matchers/event-selector.ts';
import { RangeFields } from '../analysis-range.ts';
import { checkSelector, validateAnalysisSpec, type SpecValidation, type ValidateAnalysisOptions } from '../validate-spec.ts';

/**
 * Paths: from the first anchor event of each person (or session) in the range, the next (or
 * previous) `steps` events, as a Sankey of nodes per step and links between them
 * (docs/analytics/paths.md).
 */

export const PATH_DIRECTIONS = ['after', 'before'] as const;
export type PathDirection = (typeof PATH_DIRECTIONS)[number];
export const PATH_SCOPES = ['person', 'session'] as const;
export type PathScope = (typeof PATH_SCOPES)[number];
export const PATHS_MAX_STEPS = 10;

/** The label of the node that groups every transition outside a step's top `topEdges`. */
export const PATHS_OTHER = '$other';
/** Pages are told apart: a `$page` event with a string `path` property is the node `$page <path>`. */
export const PAGE_EVENT = '$page';

export const PathsSpec = Type.Object(
  {
    kind: Type.Literal('paths'),
    anchor: Type.Optional(EventSelector),
    /** Paths leading to an end event: the same as `anchor` with direction "before". */
    end: Type.Optional(EventSelector),
    direction: Type.Optional(Type.Union(PATH_DIRECTIONS.map((d) => Type.Literal(d)), { description: 'after (default with anchor) or before (the only one with end).' })),
    steps: Type.Integer({ minimum: 1, maximum: PATHS_MAX_STEPS, description: 'Steps to follow from the anchor (step 0).' }),
    scope: Type.Optional(Type.Union(PATH_SCOPES.map((s) => Type.Literal(s)), { description: 'person (default) or session: the sequence a path is read from.' })),
    topEdges: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Transitions kept per step, the heaviest first (default 10); the rest go to "$other".' })),
    include: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { minItems: 1, maxItems: 1000, description: 'Event names that can be steps (default: all).' })),
    collapseRepeats: Type.Optional(Type.Boolean({ description: 'Consecutive events with the same label count as one step.' })),
    personsAt: Type.Optional(
      Type.Object(
        {
          step: Type.Integer({ minimum: 0, maximum: PATHS_MAX_STEPS, description: "The node's step." }),
          label: Type.String({ minLength: 1, description: 'The node\'s label, as in the result (`$other` included).' }),
          from: Type.Optional(Type.String({ minLength: 1, description: 'Only the paths that came from this node of the step before (its label): the persons of one link. Not at step 0.' })),
        },
        { additionalProperties: false, description: 'List the persons whose path is at one node of the Sankey, or goes along one link into it.' },
      ),
    ),
    ...RangeFields,
  },
  { additionalProperties: false, $id: 'PathsSpec' },
);
export type PathsSpec = Static<typeof PathsSpec>;

/** A paths spec with its defaults filled in: what the reference and the SQL compiler read. */
export interface PathsPlan {
  readonly matcher: EventSelector;
  readonly direction: PathDirection;
  readonly steps: number;
  readonly scope: PathScope;
  readonly topEdges: number;
  /** Event names that can be steps; null for all. The anchor is always one. */
  readonly include: readonly string[] | null;
  readonly collapseRepeats: boolean;
}

/** Fills in the defaults of a valid spec. */
export function pathsPlan(spec: PathsSpec): PathsPlan {
  return {
    matcher: (spec.anchor ?? spec.end)!,
    direction: spec.end ? 'before' : (spec.direction ?? 'after'),
    steps: spec.steps,
    scope: spec.scope ?? 'person',
    topEdges: spec.topEdges ?? 10,
    include: spec.include ? [...new Set(spec.include)].sort() : null,
    collapseRepeats: spec.collapseRepeats ?? false,
  };
}

/**
 * Checks a paths spec: its shape, exactly one of `anchor` and `end`, condition values, and the
 * range. The first problem is reported as WM_REQUEST_INVALID with the path of the bad field.
 *
 * @example
 * const r = validatePathsSpec({ kind: 'paths', anchor: { event: 'signup' }, steps: 3, from, to });
 * if (r.kind === 'error') reply.code(400).send(r.error.toBody());
 */
export function validatePathsSpec(input: unknown, options: ValidateAnalysisOptions = {}): SpecValidation<PathsSpec> {
  return validateAnalysisSpec(PathsSpec, input, options, (spec) => {
    if (spec.anchor && spec.end) return new WaymarkError('WM_REQUEST_INVALID', 'end', 'end: give either "anchor" or "end", not both');
    if (!spec.anchor && !spec.end) return new WaymarkError('WM_REQUEST_INVALID', 'anchor', 'anchor: a paths spec needs "anchor" (or "end")');
    if (spec.end && spec.direction === 'after') return new WaymarkError('WM_REQUEST_INVALID', 'direction', 'direction: paths to an "end" event go "before" it');
    if (spec.personsAt && spec.personsAt.step > spec.steps) return new WaymarkError('WM_REQUEST_INVALID', 'personsAt.step', `personsAt.step: the paths have steps 0 to ${spec.steps}`);
    if (spec.personsAt?.from !== undefined && spec.personsAt.step === 0) return new WaymarkError('WM_REQUEST_INVALID', 'personsAt.from', 'personsAt.from: no link leads into step 0');
    return spec.anchor ? checkSelector(spec.anchor, 'anchor') : checkSelector(spec.end!, 'end');
  });
}

/** The node label of an event: its name, or `$page <path>` for a page with a string path. */
export function pathLabel(event: string, properties: Readonly<Record<string, unknown>>): string {
  const path = properties['path'];
  return event === PAGE_EVENT && typeof path === 'string' ? `${PAGE_EVENT} ${path}` : event;
}
