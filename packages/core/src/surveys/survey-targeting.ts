import type { AnalysisEvent } from '../analytics/analysis-event.ts';
import { matchesEvent } from '../analytics/matchers/match-event.ts';
import type { EventMatcher } from '../journey/journey-map.schema.ts';
import type { Survey } from './survey.schema.ts';

const DAY_MS = 86_400_000;

/**
 * A number in [0, 1) from a person and a survey (FNV-1a, 32 bits). The same person gets the
 * same number for a survey on every page and device, so a 10 % sample is always the same 10 %.
 */
export function surveySampleDraw(surveyId: string, personKey: string): number {
  let hash = 0x811c9dc5;
  const text = `${surveyId}\u0000${personKey}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}

/** Is the person in the survey's sample? 0 draws nobody, 1 everybody. */
export const inSurveySample = (surveyId: string, personKey: string, sampleRate: number): boolean => surveySampleDraw(surveyId, personKey) < sampleRate;

/** Does the page path pass the survey's page filter (any pattern matches; no filter: every page)? */
export function surveyPageAllowed(pages: readonly string[] | undefined, path: string): boolean {
  if (!pages || pages.length === 0) return true;
  return pages.some((p) => new RegExp(p).test(path));
}

/**
 * Does the event trigger the survey? `matchers` are the trigger's: its own event matcher, or
 * the matchers of the touchpoint it names (looked up by the caller in the journey map).
 */
export function surveyTriggeredBy(matchers: readonly EventMatcher[], event: { event: string; properties?: Readonly<Record<string, unknown>> | undefined; channel?: string }): boolean {
  const e: AnalysisEvent = { personId: '', event: event.event, timestamp: 0, sessionId: null, channel: event.channel ?? 'web', properties: event.properties ?? {}, seq: 0 };
  return matchers.some((m) => matchesEvent(m, e));
}

/** Was the survey shown to the person recently enough that the frequency cap holds it back? */
export function surveyCapped(lastShownAt: number | null, now: number, frequencyCapDays: number): boolean {
  return lastShownAt !== null && now - lastShownAt < frequencyCapDays * DAY_MS;
}

/** The event matchers of a survey with an event trigger (a touchpoint trigger needs its map). */
export const surveyEventMatchers = (s: Survey): EventMatcher[] | null => ('event' in s.targeting.trigger ? [s.targeting.trigger.event] : null);
