/** Segment's call types, in the order the Tracking API lists them. */
export const MESSAGE_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
export const isMessageType = (value: unknown): value is MessageType =>
  (MESSAGE_TYPES as readonly unknown[]).includes(value);

/** The event name stored for calls that have none of their own. */
export const SYSTEM_EVENT_NAMES: Readonly<Record<Exclude<MessageType, 'track'>, string>> = {
  identify: '$identify',
  page: '$page',
  screen: '$screen',
  group: '$group',
  alias: '$alias',
};
