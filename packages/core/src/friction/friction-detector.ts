import { AUTOCAPTURE_EVENTS } from '../events/autocapture.ts';
import type { WaymarkEvent } from '../events/event.ts';
import { hash64 } from '../util/hash.ts';
import { detectDeadClick } from './dead-clicks.ts';
import { detectErrorClick, rememberClick } from './error-clicks.ts';
import { FRICTION_DEFINITIONS } from './friction-kinds.ts';
import { DEFAULT_FRICTION_SETTINGS, type FrictionSettings } from './friction-settings.ts';
import { newSessionState, num, text, type ClickMark, type FrictionInput, type FrictionSignal, type PageMark, type SessionFrictionState } from './friction-signal.ts';
import { detectFormAbandon, formSubmitted, trackFormField } from './form-abandonment.ts';
import { detectRageClick } from './rage-clicks.ts';
import { detectRepeatedContact, isTicket, TICKET_EVENT, type ContactState } from './repeated-contacts.ts';
import { detectSlowLcp, detectSlowLoad } from './slow-pages.ts';
import { detectUTurn } from './u-turns.ts';

/** The events any detector reads; the store parses the properties of these only. */
export const FRICTION_SOURCE_EVENTS: ReadonlySet<string> = new Set([...Object.values(AUTOCAPTURE_EVENTS), TICKET_EVENT]);
/** The source events whose state lives per device session, and per person. */
export const FRICTION_SESSION_EVENTS: readonly string[] = Object.values(AUTOCAPTURE_EVENTS);
export const FRICTION_PERSON_EVENTS: readonly string[] = [TICKET_EVENT];

/** An event as the detector takes it: who and which device, plus what FrictionInput holds. */
export interface FrictionEvent extends FrictionInput {
  readonly projectId: string;
  readonly anonymousId: string | null;
  readonly userId: string | null;
  readonly personId: string | null;
}

export interface FrictionDetectorOptions {
  /** The project's thresholds (defaults when not given). */
  readonly settings?: (projectId: string) => FrictionSettings;
  /** Devices and persons whose state is kept, least recently seen dropped first. */
  readonly maxDevices?: number;
  readonly maxPersons?: number;
}

const MAX_PAGES = 3;

/**
 * Runs every detector over events in arrival order, keeping per-device session state and
 * per-person ticket state in two bounded LRU maps (like the Sessionizer). Each call returns
 * the signals the event completes; none waits for a timer, so the same events always give
 * the same signals. An evicted device or person simply starts afresh.
 *
 * @example
 * const detector = new FrictionDetector();
 * for (const e of events) for (const s of detector.observe(e)) store(signalEvent(e, s, 1));
 */
export class FrictionDetector {
  readonly #devices = new Map<string, SessionFrictionState>();
  readonly #persons = new Map<string, ContactState>();
  readonly #settings: (projectId: string) => FrictionSettings;
  readonly #maxDevices: number;
  readonly #maxPersons: number;

  constructor(options: FrictionDetectorOptions = {}) {
    this.#settings = options.settings ?? (() => DEFAULT_FRICTION_SETTINGS);
    this.#maxDevices = options.maxDevices ?? 200_000;
    this.#maxPersons = options.maxPersons ?? 200_000;
  }

  get size(): { readonly devices: number; readonly persons: number } {
    return { devices: this.#devices.size, persons: this.#persons.size };
  }

  observe(e: FrictionEvent): FrictionSignal[] {
    if (!FRICTION_SOURCE_EVENTS.has(e.event)) return [];
    const out: FrictionSignal[] = [];
    const s = this.#settings(e.projectId);
    if (isTicket(e)) {
      if (e.personId !== null) detectRepeatedContact(this.#person(`${e.projectId}\u0000${e.personId}`), e, s, out);
      return out;
    }
    const device = e.anonymousId ?? e.userId;
    if (device === null) return out;
    const state = this.#device(`${e.projectId}\u0000${device}`, e.sessionId);
    switch (e.event) {
      case AUTOCAPTURE_EVENTS.click: {
        const click: ClickMark = {
          id: e.id,
          t: e.timestamp,
          x: num(e.properties['x']) ?? 0,
          y: num(e.properties['y']) ?? 0,
          path: text(e.properties['path']),
          selector: text(e.properties['selector']),
        };
        detectRageClick(state, click, s, out);
        detectDeadClick(click, e.properties['observed'], out);
        rememberClick(state, click, s, out);
        break;
      }
      case AUTOCAPTURE_EVENTS.exception:
        detectErrorClick(state, e, s, out);
        break;
      case AUTOCAPTURE_EVENTS.page: {
        const load = num(e.properties['load_time_ms']);
        const page: PageMark = { id: e.id, t: e.timestamp, path: text(e.properties['path']), shownAt: e.timestamp + (load !== null && load > 0 ? load : 0), endsUTurn: false, slow: false };
        detectUTurn(state, page, s, out);
        detectSlowLoad(page, e, s, out);
        state.pages.push(page);
        if (state.pages.length > MAX_PAGES) state.pages.shift();
        break;
      }
      case AUTOCAPTURE_EVENTS.webVitals:
        detectSlowLcp(state, e, s, out);
        break;
      case AUTOCAPTURE_EVENTS.fieldFocus:
      case AUTOCAPTURE_EVENTS.fieldChange:
      case AUTOCAPTURE_EVENTS.fieldBlur:
        trackFormField(state, e);
        break;
      case AUTOCAPTURE_EVENTS.formSubmit:
        formSubmitted(state, e);
        break;
      case AUTOCAPTURE_EVENTS.formAbandon:
        detectFormAbandon(state, e, out);
        break;
    }
    return out;
  }

  /** The device's state, fresh when the event belongs to another session than the last one. */
  #device(key: string, session: string | null): SessionFrictionState {
    let state = this.#devices.get(key);
    if (state !== undefined) this.#devices.delete(key);
    if (state === undefined || state.session !== session) state = newSessionState(session);
    this.#devices.set(key, state);
    if (this.#devices.size > this.#maxDevices) this.#devices.delete(this.#devices.keys().next().value!);
    return state;
  }

  #person(key: string): ContactState {
    let state = this.#persons.get(key);
    if (state !== undefined) this.#persons.delete(key);
    state ??= new Map();
    this.#persons.set(key, state);
    if (this.#persons.size > this.#maxPersons) this.#persons.delete(this.#persons.keys().next().value!);
    return state;
  }
}

/** A signal's event id: derived from its kind and source events only, so a replay gives the same id. */
export const frictionSignalId = (projectId: string, signal: FrictionSignal): string =>
  `fr_${hash64(`${projectId}\u0000${signal.kind}\u0000${signal.sources.join('\u0000')}`)}`;

/**
 * The stored event of a signal completed by `trigger`: the trigger's person, device, session,
 * channel and context, `ordinal` milliseconds after it (the first signal of a trigger is 1, the
 * next 2, ...), so it sorts right after the event that completed it and never ties with it;
 * the store gives it the trigger's log position (docs/friction.md, "Order").
 */
export function signalEvent(trigger: WaymarkEvent, signal: FrictionSignal, ordinal: number): WaymarkEvent {
  return {
    id: frictionSignalId(trigger.projectId, signal),
    projectId: trigger.projectId,
    type: 'track',
    event: FRICTION_DEFINITIONS[signal.kind].event,
    anonymousId: trigger.anonymousId,
    userId: trigger.userId,
    personId: trigger.personId,
    sessionId: trigger.sessionId,
    channel: trigger.channel,
    timestamp: trigger.timestamp + ordinal,
    receivedAt: trigger.receivedAt,
    properties: { ...signal.properties, kind: signal.kind, source_ids: signal.sources, trigger_id: trigger.id },
    context: trigger.context,
  };
}

/**
 * Runs the detectors over events already in order (one session, a person, or a whole log) and
 * returns each signal with the event that completed it. For tests, the simulator check and the
 * benchmark; the store path uses FrictionDetector directly.
 */
export function detectFriction(events: readonly FrictionEvent[], settings: FrictionSettings = DEFAULT_FRICTION_SETTINGS): { readonly trigger: FrictionEvent; readonly signal: FrictionSignal }[] {
  const detector = new FrictionDetector({ settings: () => settings });
  const found: { trigger: FrictionEvent; signal: FrictionSignal }[] = [];
  for (const e of events) for (const signal of detector.observe(e)) found.push({ trigger: e, signal });
  return found;
}
