import { Type, type Static } from '@sinclair/typebox';
import { JOURNEY_TEMPLATES } from '@waymark/core';

export const JourneyParams = Type.Object({ project: Type.String({ minLength: 1, description: 'Project id or slug.' }), id: Type.String({ minLength: 1 }) });
export type JourneyParams = Static<typeof JourneyParams>;
export const CommentParams = Type.Object({ project: Type.String({ minLength: 1 }), id: Type.String({ minLength: 1 }), commentId: Type.String({ minLength: 1 }) });

/** A map's version: 1 on, and a safe integer (a longer number would be read as another). */
const Version = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'A version of the map (default: the latest).' })) }, { additionalProperties: false });

export const CreateJourney = Type.Object(
  {
    template: Type.Optional(Type.String({ minLength: 1, description: `A template id: ${Object.keys(JOURNEY_TEMPLATES).join(', ')}.` })),
    blank: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false })),
    map: Type.Optional(Type.Unknown({ description: 'A whole journey map (JSON import).' })),
  },
  { additionalProperties: false, description: 'Exactly one of template, blank, map.' },
);
export type CreateJourney = Static<typeof CreateJourney>;

export const UpdateJourney = Type.Object(
  { map: Type.Unknown({ description: 'The whole map; its id must be the one in the path.' }), baseVersion: Type.Integer({ minimum: 1, description: 'The version the edit started from.' }) },
  { additionalProperties: false },
);
export type UpdateJourney = Static<typeof UpdateJourney>;

export const DuplicateJourney = Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false });
export const RestoreJourney = Type.Object({ version: Version }, { additionalProperties: false });
export const SeenJourney = Type.Object({ version: Version }, { additionalProperties: false });
export const CompareQuery = Type.Object({ from: Version, to: Version }, { additionalProperties: false });

export const JourneySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    version: Type.Integer(),
    map: Type.Unknown({ description: 'The JourneyMap.' }),
    createdAt: Type.String({ format: 'date-time', description: 'When version 1 was saved.' }),
    updatedAt: Type.String({ format: 'date-time', description: 'When this version was saved.' }),
    updatedBy: Type.String({ description: 'Who saved this version.' }),
    lastSeenVersion: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'GET only: the version the caller last marked seen.' })),
  },
  { $id: 'Journey' },
);

export const JourneyList = Type.Object({
  journeys: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      version: Type.Integer(),
      updatedAt: Type.String({ format: 'date-time' }),
      updatedBy: Type.String(),
      touchpoints: Type.Integer(),
      stages: Type.Integer(),
    }),
  ),
});

export const VersionList = Type.Object({
  versions: Type.Array(Type.Object({ version: Type.Integer(), name: Type.String(), createdAt: Type.String({ format: 'date-time' }), author: Type.String() })),
});

export const Comparison = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      kind: Type.String({ description: 'added, removed or changed' }),
      entity: Type.String({ description: 'map, goal, persona, stage, touchpoint, kpi or card' }),
      id: Type.String({ description: 'A KPI is <touchpointId>:<kpiId>.' }),
      stageId: Type.Optional(Type.String()),
      fields: Type.Optional(Type.Array(Type.String())),
      before: Type.Optional(Type.Unknown()),
      after: Type.Optional(Type.Unknown()),
    }),
  ),
});

export const CommentSchema = Type.Object(
  { id: Type.String(), target: Type.String(), text: Type.String(), author: Type.String(), createdAt: Type.String({ format: 'date-time' }) },
  { $id: 'JourneyComment' },
);
export const CreateComment = Type.Object(
  {
    target: Type.String({ minLength: 1, maxLength: 300, description: 'goal, stage:<id>, touchpoint:<id>, kpi:<touchpointId>:<kpiId>, card:<id> or persona:<id>.' }),
    text: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);

/** Query fields that restrict what is counted to a persona of the map, a saved cohort, or the persons of both. */
export const OnlyPersons = {
  persona: Type.Optional(Type.String({ minLength: 1, description: "Only persons matching this persona's segment." })),
  cohort: Type.Optional(Type.String({ minLength: 1, description: 'Only persons of this saved cohort.' })),
};

export const NumbersQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ description: 'ISO-8601 or epoch ms; default: 7 days before `to`.' })),
    to: Type.Optional(Type.String({ description: "ISO-8601 or epoch ms, exclusive; default: the end of the newest event's day in the project's time zone." })),
    ...OnlyPersons,
    interval: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')], { description: 'Sparkline periods (default day).' })),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);
export type NumbersQuery = Static<typeof NumbersQuery>;

const Unit = {
  persons: Type.Integer(),
  events: Type.Integer(),
  conversionToNext: Type.Union([Type.Number(), Type.Null()]),
  conversionToGoal: Type.Union([Type.Number(), Type.Null()]),
  dropOff: Type.Union([Type.Number(), Type.Null()]),
  medianTimeToNextMs: Type.Union([Type.Number(), Type.Null()]),
};
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Range = Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) });

export const JourneyNumbersSchema = Type.Object(
  {
    range: Range,
    previous: Range,
    interval: Type.String(),
    dataVersion: Type.Integer(),
    computedMs: Type.Number(),
    goal: Type.Object({ value: NullableNumber, target: Type.Number(), status: Type.String(), previous: NullableNumber, change: NullableNumber }),
    stages: Type.Array(Type.Object({ stageId: Type.String(), ...Unit, previous: Type.Object(Unit), sparkline: Type.Array(Type.Object({ period: Type.String(), persons: Type.Integer() })) })),
    touchpoints: Type.Array(
      Type.Object({
        touchpointId: Type.String(),
        stageId: Type.String(),
        ...Unit,
        kpis: Type.Array(
          Type.Object({
            id: Type.String(),
            metric: Type.String(),
            value: NullableNumber,
            target: Type.Number(),
            direction: Type.String(),
            status: Type.String({ description: 'on, at_risk, off or no_data' }),
            previous: NullableNumber,
            change: NullableNumber,
          }),
        ),
        previous: Type.Object(Unit),
        sparkline: Type.Array(Type.Object({ period: Type.String(), persons: Type.Integer(), events: Type.Integer() })),
      }),
    ),
  },
  { $id: 'JourneyNumbers' },
);

export const EventNamesQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })) },
  { additionalProperties: false },
);
export const EventPropertiesQuery = Type.Object(
  {
    event: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), {
      minItems: 1,
      maxItems: 20,
      description: 'The events whose properties are counted together (repeat `event=` for several, as a touchpoint or funnel step bound to any of them).',
    }),
    property: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Only this property.' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Property names containing this; with `property`, its values containing this.' })),
  },
  { additionalProperties: false },
);
export const MatcherCountBody = Type.Object(
  {
    matchers: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 20, description: 'EventMatcher objects, as a touchpoint holds them.' }),
    from: Type.Optional(Type.Union([Type.String(), Type.Integer()], { description: 'ISO-8601 or epoch ms; default: the range the live numbers default to.' })),
    to: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
  },
  { additionalProperties: false },
);

export const journeySchemas = [JourneySchema, CommentSchema, JourneyNumbersSchema];
