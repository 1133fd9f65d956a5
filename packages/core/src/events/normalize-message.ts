import type { ErrorCode } from '../errors/catalog.ts';
import { WaymarkError } from '../errors/waymark-error.ts';
import { resolveChannel } from './channel.ts';
import type { IncomingEvent } from './event.ts';
import { isMessageType, SYSTEM_EVENT_NAMES, type MessageType } from './message-types.ts';
import { parseIsoTimestamp } from './parse-timestamp.ts';
import type { SegmentMessage } from './segment-schema.ts';

export interface NormalizeContext {
  readonly projectId: string;
  /** Server clock when the request arrived, epoch ms. */
  readonly receivedAt: number;
  /** The batch's `sentAt`, used when a message carries none of its own. */
  readonly batchSentAt?: string | undefined;
  /** The channel of the key the request was made with, if the key names one. */
  readonly keyChannel: string | null;
  /** The type implied by the endpoint (`/v1/track`), when the body may omit it. */
  readonly defaultType?: MessageType | undefined;
  /** Prefix for error paths, e.g. `batch[3]`. */
  readonly path: string;
  /** Makes a message id for messages sent without one. */
  readonly newId: () => string;
}

export type NormalizeResult =
  | { readonly kind: 'ok'; readonly event: IncomingEvent }
  | { readonly kind: 'skip'; readonly reason: 'disabled_by_integrations' }
  | { readonly kind: 'error'; readonly error: WaymarkError };

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

function fail(ctx: NormalizeContext, code: ErrorCode, field: string, message: string): NormalizeResult {
  return { kind: 'error', error: new WaymarkError(code, ctx.path ? `${ctx.path}.${field}` : field, message) };
}

/**
 * Turns one Segment message into a Waymark event, with Segment's semantics: `messageId` is
 * the dedup key, the client clock is corrected by `sentAt` (timestamp = receivedAt -
 * (sentAt - originalTimestamp)), and `integrations: {Waymark: false}` (or `All: false`
 * without `Waymark: true`) means the caller does not want the event stored.
 */
export function normalizeMessage(message: SegmentMessage, ctx: NormalizeContext): NormalizeResult {
  const type = message.type ?? ctx.defaultType;
  if (type === undefined) return fail(ctx, 'WM_INGEST_MISSING_FIELD', 'type', '"type" is required in a batch');
  if (!isMessageType(type)) return fail(ctx, 'WM_INGEST_UNKNOWN_TYPE', 'type', `unknown type "${String(type)}"`);

  const integrations = message.integrations;
  if (integrations && (integrations['Waymark'] === false || (integrations['All'] === false && integrations['Waymark'] !== true))) {
    return { kind: 'skip', reason: 'disabled_by_integrations' };
  }

  const anonymousId = idOrNull(message.anonymousId);
  const userId = idOrNull(message.userId);
  const previousId = idOrNull(message.previousId);
  if (type === 'alias') {
    if (previousId === null) return fail(ctx, 'WM_INGEST_MISSING_FIELD', 'previousId', '"previousId" is required for alias');
    if (userId === null) return fail(ctx, 'WM_INGEST_MISSING_FIELD', 'userId', '"userId" is required for alias');
  } else if (anonymousId === null && userId === null) {
    return fail(ctx, 'WM_INGEST_MISSING_FIELD', 'userId', 'either "userId" or "anonymousId" is required');
  }

  let event: string;
  if (type === 'track') {
    if (typeof message.event !== 'string' || message.event.length === 0) {
      return fail(ctx, 'WM_INGEST_MISSING_FIELD', 'event', '"event" is required for track');
    }
    event = message.event;
  } else {
    event = SYSTEM_EVENT_NAMES[type];
  }

  const groupId = idOrNull(message.groupId);
  if (type === 'group' && groupId === null) return fail(ctx, 'WM_INGEST_MISSING_FIELD', 'groupId', '"groupId" is required for group');

  const timestamp = correctedTimestamp(message, ctx);
  if (timestamp === BATCH_SENT_AT) {
    // The batch's own field, not one of this message: its path has no message prefix.
    return { kind: 'error', error: new WaymarkError('WM_INGEST_INVALID_TIMESTAMP', 'sentAt', 'the batch\'s "sentAt" is not an ISO-8601 date-time') };
  }
  if (typeof timestamp === 'string') return fail(ctx, 'WM_INGEST_INVALID_TIMESTAMP', timestamp, `"${timestamp}" is not an ISO-8601 date-time`);

  const context = message.context ?? EMPTY;
  const library = context['library'];
  const libraryName = library && typeof library === 'object' ? (library as Record<string, unknown>)['name'] : undefined;
  const sessionId = context['sessionId'];

  return {
    kind: 'ok',
    event: {
      id: message.messageId ?? ctx.newId(),
      projectId: ctx.projectId,
      type,
      event,
      anonymousId,
      userId,
      sessionId: typeof sessionId === 'string' && sessionId.length > 0 ? sessionId : typeof sessionId === 'number' ? String(sessionId) : null,
      channel: resolveChannel(context['channel'], ctx.keyChannel, libraryName, type),
      timestamp,
      receivedAt: ctx.receivedAt,
      properties: propertiesOf(type, message, groupId, previousId),
      context,
      previousId,
      traits: type === 'identify' || type === 'group' ? (message.traits ?? EMPTY) : null,
    },
  };
}

const BATCH_SENT_AT = 'sentAt (batch)';

/** Returns epoch ms, or the name of the field that is not a valid timestamp. */
function correctedTimestamp(message: SegmentMessage, ctx: NormalizeContext): number | string {
  const clientField = message.originalTimestamp !== undefined ? 'originalTimestamp' : 'timestamp';
  const clientText = message.originalTimestamp ?? message.timestamp ?? null;
  let client: number | null = null;
  if (clientText !== null) {
    client = parseIsoTimestamp(clientText);
    if (client === null) return clientField;
  }
  const sentAtText = message.sentAt ?? ctx.batchSentAt;
  let sentAt: number | null = null;
  if (sentAtText !== undefined) {
    sentAt = parseIsoTimestamp(sentAtText);
    if (sentAt === null) return message.sentAt !== undefined ? 'sentAt' : BATCH_SENT_AT;
  }
  if (client === null) return ctx.receivedAt;
  if (sentAt === null) return client;
  return ctx.receivedAt - (sentAt - client);
}

function propertiesOf(
  type: MessageType,
  message: SegmentMessage,
  groupId: string | null,
  previousId: string | null,
): Readonly<Record<string, unknown>> {
  switch (type) {
    case 'track':
      return message.properties ?? EMPTY;
    case 'page':
    case 'screen': {
      const props = message.properties ?? EMPTY;
      if (message.name == null && message.category == null) return props;
      return { ...props, ...(message.name != null && { name: message.name }), ...(message.category != null && { category: message.category }) };
    }
    case 'identify':
      return message.traits ?? EMPTY;
    case 'group':
      return { ...(message.traits ?? EMPTY), groupId };
    case 'alias':
      return { previousId };
  }
}

function idOrNull(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? String(value) : value;
  return text.length > 0 ? text : null;
}
