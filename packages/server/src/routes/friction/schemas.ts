import { Type, type Static } from '@sinclair/typebox';
import { FRICTION_KINDS, FrictionSettings } from '@waymark/core';
import { OnlyPersons } from '../journeys/schemas.ts';

const KindCounts = Type.Object({
  count: Type.Number(),
  persons: Type.Number(),
  sessions: Type.Number(),
  rate: Type.Union([Type.Number(), Type.Null()], { description: 'Sessions with the signal here / sessions that reached the touchpoint.' }),
});

const Signals = Type.Partial(Type.Object(Object.fromEntries(FRICTION_KINDS.map((k) => [k, KindCounts])) as Record<(typeof FRICTION_KINDS)[number], typeof KindCounts>));

export const FrictionResultSchema = Type.Object(
  {
    journey: Type.Object({ id: Type.String(), version: Type.Number() }),
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    dataVersion: Type.Number(),
    computedMs: Type.Number(),
    stages: Type.Array(
      Type.Object({
        stageId: Type.String(),
        name: Type.String(),
        visits: Type.Number(),
        score: Type.Number(),
        touchpoints: Type.Array(Type.Object({ touchpointId: Type.String(), name: Type.String(), visits: Type.Number(), score: Type.Number(), signals: Signals })),
      }),
    ),
  },
  { $id: 'FrictionResult' },
);

export const FrictionSessionsSchema = Type.Object(
  {
    sessions: Type.Array(
      Type.Object({
        sessionId: Type.String(),
        personId: Type.String(),
        start: Type.String({ format: 'date-time' }),
        signals: Type.Partial(Type.Object(Object.fromEntries(FRICTION_KINDS.map((k) => [k, Type.Number()])) as Record<(typeof FRICTION_KINDS)[number], ReturnType<typeof Type.Number>>)),
      }),
    ),
  },
  { $id: 'FrictionSessions' },
);

const Instant = Type.Optional(Type.String({ minLength: 1, description: 'ISO-8601 or epoch milliseconds.' }));

export const FrictionQuery = Type.Object(
  {
    journey: Type.String({ minLength: 1, description: 'The journey map whose touchpoints friction is reported for.' }),
    from: Instant,
    to: Instant,
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    ...OnlyPersons,
  },
  { additionalProperties: false },
);
export type FrictionQuery = Static<typeof FrictionQuery>;

export const FrictionSessionsQuery = Type.Object(
  {
    journey: Type.String({ minLength: 1 }),
    touchpoint: Type.String({ minLength: 1, description: 'A touchpoint id of the map.' }),
    kind: Type.Optional(Type.Union(FRICTION_KINDS.map((k) => Type.Literal(k)), { description: 'Only sessions with this signal there.' })),
    from: Instant,
    to: Instant,
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    ...OnlyPersons,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
export type FrictionSessionsQuery = Static<typeof FrictionSessionsQuery>;

export const frictionSchemas = [FrictionSettings, FrictionResultSchema, FrictionSessionsSchema];
