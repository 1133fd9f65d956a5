import { Type, type Static } from '@sinclair/typebox';

export const ProjectParams = Type.Object({ project: Type.String({ minLength: 1, description: 'Project id or slug.' }) });

export const EventQuery = Type.Object({
  event: Type.Optional(Type.String({ minLength: 1, description: 'Only events with this name.' })),
  person: Type.Optional(Type.String({ minLength: 1, description: 'Only events of this person (person id, user id or anonymous id).' })),
  channel: Type.Optional(Type.String({ minLength: 1 })),
  from: Type.Optional(Type.String({ description: 'ISO-8601; events at or after.' })),
  to: Type.Optional(Type.String({ description: 'ISO-8601; events before.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ description: 'The `next` of the previous page.' })),
});
export type EventQuery = Static<typeof EventQuery>;

export const StoredEventSchema = Type.Object(
  {
    id: Type.String({ description: 'The messageId.' }),
    type: Type.String(),
    event: Type.String(),
    anonymousId: Type.Union([Type.String(), Type.Null()]),
    userId: Type.Union([Type.String(), Type.Null()]),
    personId: Type.Union([Type.String(), Type.Null()]),
    sessionId: Type.Union([Type.String(), Type.Null()]),
    channel: Type.String(),
    timestamp: Type.String({ format: 'date-time' }),
    receivedAt: Type.String({ format: 'date-time' }),
    properties: Type.Record(Type.String(), Type.Unknown()),
    context: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'StoredEvent' },
);

export const EventPage = Type.Object(
  {
    events: Type.Array(Type.Ref(StoredEventSchema)),
    next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor of the next (older) page, or null at the end.' }),
  },
  { $id: 'EventPage' },
);
