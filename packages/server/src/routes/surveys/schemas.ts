import { Type } from '@sinclair/typebox';
import { SCORE_INTERVALS, SurveyAnswer } from '@waymark/core';

export const SurveyParams = Type.Object({ project: Type.String({ minLength: 1, description: 'Project id or slug.' }), id: Type.String({ minLength: 1 }) });

const DeviceId = Type.String({ minLength: 1, maxLength: 200 });

/** The widget's first question: after which events to ask. */
export const TriggersBody = Type.Object({ writeKey: Type.Optional(Type.String()) }, { additionalProperties: false });

/** The widget's question: which surveys to show now. */
export const EligibleBody = Type.Object(
  {
    writeKey: Type.Optional(Type.String()),
    anonymousId: DeviceId,
    userId: Type.Optional(DeviceId),
    event: Type.Optional(Type.Object({ event: Type.String({ minLength: 1, maxLength: 512 }), properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })),
    path: Type.String({ maxLength: 2000, description: 'The page path, matched against the surveys\' page filters.' }),
  },
  { additionalProperties: false },
);

export const ShownBody = Type.Object(
  { writeKey: Type.Optional(Type.String()), anonymousId: DeviceId, userId: Type.Optional(DeviceId), context: Type.Optional(Type.Object({ page: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })) },
  { additionalProperties: false },
);

export const ResponseBody = Type.Object(
  {
    writeKey: Type.Optional(Type.String()),
    anonymousId: Type.Optional(DeviceId),
    userId: Type.Optional(DeviceId),
    answers: Type.Array(SurveyAnswer, { maxItems: 30 }),
    context: Type.Optional(Type.Object({ page: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })),
  },
  { additionalProperties: false, description: 'anonymousId (the SDK) or userId (tools, links) names who answered.' },
);

export const ScoresQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ description: 'ISO-8601 or epoch ms. Default: 90 days before `to`.' })),
    to: Type.Optional(Type.String({ description: 'ISO-8601 or epoch ms, excluded. Default: now.' })),
    interval: Type.Optional(Type.Union(SCORE_INTERVALS.map((i) => Type.Literal(i)))),
    journey: Type.Optional(Type.String({ minLength: 1, description: 'A journey map: gives scores per stage, and names personas.' })),
    touchpoint: Type.Optional(Type.String({ minLength: 1 })),
    persona: Type.Optional(Type.String({ minLength: 1, description: "A persona of the journey map: only its persons' answers." })),
    cohort: Type.Optional(Type.String({ minLength: 1, description: "A saved cohort (segment): only its persons' answers." })),
  },
  { additionalProperties: false },
);

export const RangeQuery = Type.Object(
  { from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
