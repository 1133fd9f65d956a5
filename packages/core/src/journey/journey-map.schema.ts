import { Type, type Static } from '@sinclair/typebox';
import { guard, literals } from '../util/literal-union.ts';

/**
 * The journey map: stages as columns, lanes as rows, touchpoints bound to real events so
 * every cell can show live numbers. One schema gives the TypeScript type, the runtime check
 * (`validateJourneyMap`) and the OpenAPI document.
 */

/** Comparison operators of a property condition. `exists`/`not_exists` take no value; `in`/`not_in` take an array. */
export const CONDITION_OPS = ['eq', 'neq', 'in', 'not_in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
export const isConditionOp = guard(CONDITION_OPS);

/** Where a persona condition looks: the person's traits, or the properties of any of the person's events. */
export const CONDITION_SCOPES = ['person', 'event'] as const;
export type ConditionScope = (typeof CONDITION_SCOPES)[number];
export const isConditionScope = guard(CONDITION_SCOPES);

/** What a KPI measures at a touchpoint (or for the map's North Star goal). */
export const KPI_METRICS = [
  'conversion_rate',
  'drop_off_rate',
  'persons',
  'events',
  'median_time_to_next_ms',
  'csat',
  'nps',
  'ces',
  'error_rate',
  'revenue',
  'average_order_value',
  'mrr',
  'churn_rate',
  'cac',
  'clv',
  'load_time_ms',
  'open_rate',
  'click_rate',
  'delivery_rate',
  'ticket_rate',
  'resolution_time_ms',
  'first_contact_resolution',
  'repeat_rate',
  'activation_rate',
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];
export const isKpiMetric = guard(KPI_METRICS);

export const KPI_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
export const isKpiDirection = guard(KPI_DIRECTIONS);

/** The rows of the map. Emotions cards carry a score from -2 (very negative) to 2 (delighted). */
export const JOURNEY_LANES = ['actions', 'thoughts', 'emotions', 'pain_points', 'opportunities', 'backstage'] as const;
export type JourneyLane = (typeof JOURNEY_LANES)[number];
export const isJourneyLane = guard(JOURNEY_LANES);

/** Ids are short, lowercase and URL-safe, so they can appear in paths and metric keys. */
export const JOURNEY_ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';
// A pattern's description completes "must be ..." in the error that names a value not fitting it.
const Id = Type.String({ pattern: JOURNEY_ID_PATTERN, description: 'lowercase letters, digits, "_" or "-" (at most 64), starting with a letter or digit' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const closed = { additionalProperties: false } as const;

/** The most values an `in` or `not_in` condition lists: each is a comparison in the SQL. */
export const MAX_LISTED_VALUES = 1000;

/** What is wrong with an `in` / `not_in` list, as a message and the path below the condition's value, or null. */
export function listProblem(op: string, value: unknown): { readonly at: string; readonly message: string } | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LISTED_VALUES) {
    return { at: '', message: `"${op}" needs a non-empty array of at most ${MAX_LISTED_VALUES.toLocaleString('en-US')} values` };
  }
  const bad = value.findIndex((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean');
  return bad < 0 ? null : { at: `[${bad}]`, message: `"${op}" lists strings, numbers or booleans` };
}

// A dotted path's every key holds something, and none is "*", which DuckDB's JSON paths read
// as "any key" even quoted: the engines would answer differently.
const PATH_KEY = '(?:[^.*][^.]*|\\*[^.]+)';
/** A property: its name, or a dotted path into it. */
export const PropertyPath = (description = 'a property name, or a dotted path such as context.device.type, with no empty key and no key "*"') =>
  Type.String({ minLength: 1, maxLength: 200, pattern: `^${PATH_KEY}(?:\\.${PATH_KEY})*$`, description });

export const PropertyCondition = Type.Object(
  {
    property: PropertyPath(),
    op: literals(CONDITION_OPS, 'Operator'),
    value: Type.Optional(Type.Unknown()),
  },
  closed,
);
export type PropertyCondition = Static<typeof PropertyCondition>;

export const PersonaCondition = Type.Object(
  {
    scope: Type.Optional(literals(CONDITION_SCOPES, 'Scope (default person)')),
    property: PropertyPath(),
    op: literals(CONDITION_OPS, 'Operator'),
    value: Type.Optional(Type.Unknown()),
  },
  closed,
);
export type PersonaCondition = Static<typeof PersonaCondition>;

/** Selects real persons: every condition of `all` and at least one of `any` (when given). */
export const SegmentDefinition = Type.Object(
  {
    all: Type.Optional(Type.Array(PersonaCondition, { maxItems: 50 })),
    any: Type.Optional(Type.Array(PersonaCondition, { maxItems: 50 })),
  },
  closed,
);
export type SegmentDefinition = Static<typeof SegmentDefinition>;

/** An event a touchpoint is bound to: the event name (`$page` for page views) and optional filters. */
export const EventMatcher = Type.Object(
  {
    event: Text(512),
    where: Type.Optional(Type.Array(PropertyCondition, { maxItems: 20 })),
  },
  closed,
);
export type EventMatcher = Static<typeof EventMatcher>;

export const JourneyKpi = Type.Object(
  {
    id: Id,
    name: Text(200),
    metric: literals(KPI_METRICS, 'Metric'),
    target: Type.Number(),
    direction: literals(KPI_DIRECTIONS, 'Direction'),
    unit: Type.Optional(Type.String({ maxLength: 20 })),
  },
  closed,
);
export type JourneyKpi = Static<typeof JourneyKpi>;

export const JourneyTouchpoint = Type.Object(
  {
    id: Id,
    stageId: Id,
    name: Text(200),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    channel: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$', description: 'lowercase letters, digits, "_" or "-" (at most 32), starting with a letter: web, email, support, survey, store, ... (see KNOWN_CHANNELS)' }),
    matchers: Type.Array(EventMatcher, { minItems: 1, maxItems: 20 }),
    owner: Type.Optional(Type.String({ maxLength: 200 })),
    kpis: Type.Array(JourneyKpi, { maxItems: 20 }),
    momentOfTruth: Type.Boolean(),
  },
  closed,
);
export type JourneyTouchpoint = Static<typeof JourneyTouchpoint>;

export const JourneyStage = Type.Object(
  {
    id: Id,
    name: Text(200),
    description: Type.String({ maxLength: 2000 }),
    touchpoints: Type.Array(JourneyTouchpoint, { maxItems: 100 }),
  },
  closed,
);
export type JourneyStage = Static<typeof JourneyStage>;

export const JourneyPersona = Type.Object(
  {
    id: Id,
    name: Text(200),
    description: Type.String({ maxLength: 2000 }),
    goals: Type.Array(Text(500), { maxItems: 20 }),
    frustrations: Type.Array(Text(500), { maxItems: 20 }),
    segment: SegmentDefinition,
  },
  closed,
);
export type JourneyPersona = Static<typeof JourneyPersona>;

export const JourneyLaneCard = Type.Object(
  {
    id: Id,
    lane: literals(JOURNEY_LANES, 'Lane'),
    stageId: Id,
    text: Text(2000),
    emotion: Type.Optional(Type.Integer({ minimum: -2, maximum: 2, description: 'Only on the emotions lane (required there).' })),
    owner: Type.Optional(Type.String({ maxLength: 200 })),
  },
  closed,
);
export type JourneyLaneCard = Static<typeof JourneyLaneCard>;

/** The North Star: the one outcome the whole journey exists to produce. */
export const JourneyGoal = Type.Object(
  {
    name: Text(200),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    metric: literals(KPI_METRICS, 'Metric'),
    matcher: EventMatcher,
    target: Type.Number(),
    direction: literals(KPI_DIRECTIONS, 'Direction'),
    unit: Type.Optional(Type.String({ maxLength: 20 })),
  },
  closed,
);
export type JourneyGoal = Static<typeof JourneyGoal>;

export const JourneyMap = Type.Object(
  {
    id: Id,
    name: Text(200),
    description: Type.String({ maxLength: 4000 }),
    goal: JourneyGoal,
    personas: Type.Array(JourneyPersona, { maxItems: 20 }),
    stages: Type.Array(JourneyStage, { minItems: 1, maxItems: 30 }),
    lanes: Type.Array(JourneyLaneCard, { maxItems: 1000 }),
  },
  { ...closed, $id: 'JourneyMap' },
);
export type JourneyMap = Static<typeof JourneyMap>;
