import type { FrictionKind } from './friction-kinds.ts';

/** What a detector reads of an event: its properties parsed, nothing else of its row. */
export interface FrictionInput {
  readonly id: string;
  readonly event: string;
  readonly timestamp: number;
  readonly sessionId: string | null;
  readonly channel: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * A detected signal. `sources` are the ids of the events it was detected from, in time order;
 * the event that completed the detection (the trigger) is the one being observed when the
 * detector returns it. `properties` say where (path, selector, field, topic), what was
 * measured (`value`) and against which `threshold`.
 */
export interface FrictionSignal {
  readonly kind: FrictionKind;
  readonly sources: readonly string[];
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface ClickMark {
  readonly id: string;
  readonly t: number;
  readonly x: number;
  readonly y: number;
  readonly path: string;
  readonly selector: string;
}

export interface PageMark {
  readonly id: string;
  readonly t: number;
  readonly path: string;
  /** When the page became usable: the view's time plus its load time, when reported. */
  readonly shownAt: number;
  /** This view returned to the page before the previous one: it ends a U-turn and starts none. */
  endsUTurn: boolean;
  /** A slow-page signal was already emitted for this view. */
  slow: boolean;
}

export interface FieldMark {
  readonly field: string;
  readonly firstId: string;
  focusAt: number | null;
  timeMs: number;
  changes: number;
}

/** One device's friction state within its current session; bounded by the caps below. */
export interface SessionFrictionState {
  session: string | null;
  clicks: ClickMark[];
  /** The last click of a flagged rage burst: clicks continuing it add no signal. */
  burst: ClickMark | null;
  /** Clicks an exception may still follow (within the error-click window), newest last. */
  errorCandidates: ClickMark[];
  /** Exceptions no click has claimed yet: the SDK sends a click a second after it happened, so its error often arrives first. */
  unclaimedErrors: FrictionInput[];
  pages: PageMark[];
  forms: Map<string, FieldMark[]>;
}

export const MAX_RECENT_CLICKS = 32;
export const MAX_FORMS = 8;
export const MAX_FIELDS = 64;

export function newSessionState(session: string | null): SessionFrictionState {
  return { session, clicks: [], burst: null, errorCandidates: [], unclaimedErrors: [], pages: [], forms: new Map() };
}

/** Reads helpers: autocapture properties are untyped JSON. */
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
