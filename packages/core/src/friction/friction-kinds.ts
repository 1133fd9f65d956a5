/**
 * The friction signals Waymark detects, the event each is stored as, and how much one weighs
 * in a touchpoint's friction score (severity: 3 = blocks the customer, 1 = an annoyance).
 * docs/friction.md defines each one exactly.
 */
export const FRICTION_KINDS = ['rage_click', 'dead_click', 'error_click', 'form_abandon_field', 'slow_page', 'u_turn', 'repeated_contact'] as const;
export type FrictionKind = (typeof FRICTION_KINDS)[number];
export const isFrictionKind = (value: unknown): value is FrictionKind => (FRICTION_KINDS as readonly unknown[]).includes(value);

export interface FrictionDefinition {
  readonly kind: FrictionKind;
  /** The track event a signal is stored as. */
  readonly event: string;
  readonly severity: 1 | 2 | 3;
  /** Who it is detected for: the events of one device's session, or of one person. */
  readonly scope: 'session' | 'person';
  readonly definition: string;
}

export const FRICTION_DEFINITIONS: Readonly<Record<FrictionKind, FrictionDefinition>> = {
  rage_click: { kind: 'rage_click', event: '$rage_click', severity: 3, scope: 'session', definition: 'rageClickMinClicks clicks within rageClickWindowMs, each within rageClickRadiusPx of the last; one signal per burst.' },
  dead_click: { kind: 'dead_click', event: '$dead_click', severity: 1, scope: 'session', definition: "A click after which the SDK saw no page change and no DOM mutation within 1 s (observed = 'none')." },
  error_click: { kind: 'error_click', event: '$error_click', severity: 3, scope: 'session', definition: 'A $exception within errorClickWindowMs after a click in the same session; one signal per click.' },
  form_abandon_field: { kind: 'form_abandon_field', event: '$form_abandon_field', severity: 2, scope: 'session', definition: 'An abandoned form, at its last touched field, with the fields reached, time spent per field and refills.' },
  slow_page: { kind: 'slow_page', event: '$slow_page', severity: 2, scope: 'session', definition: 'A page view with load_time_ms over slowPageLoadMs, or else an LCP over slowPageLcpMs; one signal per page view.' },
  u_turn: { kind: 'u_turn', event: '$u_turn', severity: 2, scope: 'session', definition: 'A page view followed by a return to the page before it within uTurnWindowMs.' },
  repeated_contact: { kind: 'repeated_contact', event: '$repeated_contact', severity: 2, scope: 'person', definition: 'A support ticket on the same topic as the same person’s previous one, within repeatedContactWindowMs.' },
};

export const FRICTION_EVENT_NAMES: readonly string[] = FRICTION_KINDS.map((k) => FRICTION_DEFINITIONS[k].event);

/** The kind a stored signal event is, or null for any other event. */
export const frictionKindOfEvent = (event: string): FrictionKind | null => FRICTION_KINDS.find((k) => FRICTION_DEFINITIONS[k].event === event) ?? null;
