import { Type, type Static } from '@sinclair/typebox';
import { EventMatcher } from '../../journey/journey-map.schema.ts';
import type { AnalysisEvent } from '../analysis-event.ts';
import { matchesEvent } from './match-event.ts';

/** The most matchers an any-of holds: a journey stage's touchpoints' events together (a touchpoint has up to 20). */
export const MAX_ANY_OF = 100;

/**
 * Which events an analysis counts: one event matcher, or any of several. A touchpoint is any of
 * its events and a stage any of its touchpoints' (an ad, a search, a collection page), so every
 * place an analysis takes "an event" takes either form.
 */
export const AnyOfEvents = Type.Object(
  {
    anyOf: Type.Array(EventMatcher, { minItems: 1, maxItems: MAX_ANY_OF }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "Its name in results (default: its events joined by ' or ')." })),
  },
  { additionalProperties: false, description: 'Events matching any of these matchers.' },
);
export type AnyOfEvents = Static<typeof AnyOfEvents>;

export const EventSelector = Type.Union([EventMatcher, AnyOfEvents], { description: 'an event matcher {event, where?}, or {anyOf: [1 to 100 event matchers], name?}' });
export type EventSelector = Static<typeof EventSelector>;

/** The matchers of a selector: an event matching any of them is selected. */
export const selectorMatchers = (s: EventSelector): readonly EventMatcher[] => ('anyOf' in s ? s.anyOf : [s]);

/** A selector's name in results: its event, or an any-of's name (its events joined by " or "). */
export const selectorName = (s: EventSelector): string => ('anyOf' in s ? (s.name ?? [...new Set(s.anyOf.map((m) => m.event))].join(' or ')) : s.event);

/** The reference meaning: the event matches one of the selector's matchers. */
export const matchesSelector = (s: EventSelector, e: AnalysisEvent): boolean => selectorMatchers(s).some((m) => matchesEvent(m, e));
