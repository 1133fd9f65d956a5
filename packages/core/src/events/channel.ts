/** Channels Waymark knows by name; any other lowercase token is accepted as a custom channel. */
export const KNOWN_CHANNELS = ['web', 'mobile', 'server', 'email', 'support', 'survey', 'store', 'sms', 'push', 'ads', 'social', 'phone', 'chat'] as const;
export type KnownChannel = (typeof KNOWN_CHANNELS)[number];

const CHANNEL_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

export const isChannel = (value: unknown): value is string => typeof value === 'string' && CHANNEL_PATTERN.test(value);
export const isKnownChannel = (value: unknown): value is KnownChannel =>
  (KNOWN_CHANNELS as readonly unknown[]).includes(value);

const SERVER_LIBRARIES = /analytics-node|rudder-sdk-node|analytics-python|analytics-ruby|analytics-go|analytics-java|analytics-php/i;
const MOBILE_LIBRARIES = /analytics-ios|analytics-android|analytics-react-native|analytics-swift|analytics-kotlin|flutter/i;

/**
 * Where an event came from, in order of authority: the event's own `context.channel`, then
 * the channel of the source (key) it was sent with, then what its library or call type implies.
 */
export function resolveChannel(
  contextChannel: unknown,
  keyChannel: string | null,
  libraryName: unknown,
  type: string,
): string {
  if (isChannel(contextChannel)) return contextChannel;
  if (keyChannel) return keyChannel;
  if (typeof libraryName === 'string') {
    if (SERVER_LIBRARIES.test(libraryName)) return 'server';
    if (MOBILE_LIBRARIES.test(libraryName)) return 'mobile';
  }
  return type === 'screen' ? 'mobile' : 'web';
}
