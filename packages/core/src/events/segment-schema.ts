import { Type, type Static } from '@sinclair/typebox';
import { MESSAGE_TYPES } from './message-types.ts';

/**
 * The wire format of Segment's HTTP Tracking API, as Waymark accepts it. One schema serves
 * the HTTP routes (validation and the OpenAPI document), the browser SDK and the importer.
 * Per-type rules (a track needs `event`, an alias needs `previousId`) are checked by
 * `normalizeMessage`, which can name the exact field.
 */
const Id = Type.Union([Type.String({ maxLength: 512 }), Type.Number()]);
const Json = Type.Record(Type.String(), Type.Unknown());

export const SegmentMessage = Type.Object(
  {
    type: Type.Optional(Type.String({ description: `One of ${MESSAGE_TYPES.join(', ')}.` })),
    messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    anonymousId: Type.Optional(Type.Union([Id, Type.Null()])),
    userId: Type.Optional(Type.Union([Id, Type.Null()])),
    event: Type.Optional(Type.String({ maxLength: 512 })),
    name: Type.Optional(Type.Union([Type.String({ maxLength: 512 }), Type.Null()])),
    category: Type.Optional(Type.Union([Type.String({ maxLength: 512 }), Type.Null()])),
    groupId: Type.Optional(Type.Union([Id, Type.Null()])),
    previousId: Type.Optional(Id),
    timestamp: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    originalTimestamp: Type.Optional(Type.String()),
    sentAt: Type.Optional(Type.String()),
    properties: Type.Optional(Json),
    traits: Type.Optional(Json),
    context: Type.Optional(Json),
    integrations: Type.Optional(Json),
    writeKey: Type.Optional(Type.String()),
  },
  { additionalProperties: true, $id: 'SegmentMessage' },
);
export type SegmentMessage = Static<typeof SegmentMessage>;

export const SegmentBatch = Type.Object(
  {
    batch: Type.Array(Type.Ref(SegmentMessage)),
    sentAt: Type.Optional(Type.String()),
    writeKey: Type.Optional(Type.String()),
    context: Type.Optional(Json),
    integrations: Type.Optional(Json),
  },
  { additionalProperties: true, $id: 'SegmentBatch' },
);
export type SegmentBatch = Static<typeof SegmentBatch>;

/** Segment's limits: a single event and a whole batch, measured on the decompressed JSON. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
