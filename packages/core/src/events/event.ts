import type { MessageType } from './message-types.ts';

/**
 * One stored event: a Segment call after normalization. Times are epoch milliseconds (UTC).
 * `personId` and `sessionId` are assigned when the event is written to the store, in the
 * order events were acknowledged, so replaying the log after a crash gives the same answer.
 */
export interface WaymarkEvent {
  readonly id: string;
  readonly projectId: string;
  readonly type: MessageType;
  readonly event: string;
  readonly anonymousId: string | null;
  readonly userId: string | null;
  readonly personId: string | null;
  readonly sessionId: string | null;
  readonly channel: string;
  readonly timestamp: number;
  readonly receivedAt: number;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly context: Readonly<Record<string, unknown>>;
}

/** An event before the store resolved who and which session it belongs to. */
export type IncomingEvent = Omit<WaymarkEvent, 'personId' | 'sessionId'> & {
  /** A session id the client chose (`context.sessionId`), kept as is. */
  readonly sessionId: string | null;
  /** For `alias`: the id being merged into `userId`. */
  readonly previousId: string | null;
  /** For `identify` and `group`: the traits to merge into the profile. */
  readonly traits: Readonly<Record<string, unknown>> | null;
};
