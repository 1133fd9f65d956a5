import type { TimelineEntry } from '../api/insight-types.ts';

/**
 * The events of a session that mark friction, highlighted on the replay's timeline: the
 * detected signals (docs/friction.md) and the raw exception they often come from. Form
 * abandonment comes as `$form_abandon` from the SDK and `$form_abandon_field` once detected.
 */
const FRICTION_EVENTS: Readonly<Record<string, string>> = {
  $rage_click: 'Rage click',
  $dead_click: 'Dead click',
  $error_click: 'Error click',
  $slow_page: 'Slow page',
  $u_turn: 'U-turn',
  $repeated_contact: 'Repeated contact',
  $exception: 'Error',
};

/** The friction an event marks, in words, or null for an ordinary event. */
export function frictionLabel(event: string): string | null {
  if (event.startsWith('$form_abandon')) return 'Form abandoned';
  return FRICTION_EVENTS[event] ?? null;
}

/** Where in the recording an event happened, in ms from its start; events before it seek to 0. */
export function recordingOffset(timestamp: string, recordingStartMs: number): number {
  return Math.max(0, Date.parse(timestamp) - recordingStartMs);
}

/** `m:ss` of an offset, as the player's clock shows it. */
export function formatOffset(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const DETAIL_KEYS = ['path', 'selector', 'field', 'message', 'topic', 'text'] as const;

/** What a person reads next to an event: where it happened and what it was about. */
export function entryDetail(entry: TimelineEntry): string {
  const props = entry.properties ?? {};
  return DETAIL_KEYS.filter((k) => props[k] !== undefined && props[k] !== null && props[k] !== '')
    .map((k) => `${k}: ${String(props[k]).slice(0, 120)}`)
    .join(' · ');
}

/** The recorded span as rrweb events give it: the first and last event's time. */
export function recordingSpan(events: readonly { readonly timestamp: number }[]): { start: number; end: number } | null {
  if (events.length < 2) return null;
  return { start: events[0]!.timestamp, end: events[events.length - 1]!.timestamp };
}
