import type { FrictionSettings } from './friction-settings.ts';
import { MAX_RECENT_CLICKS, text, type ClickMark, type FrictionInput, type FrictionSignal, type SessionFrictionState } from './friction-signal.ts';

/**
 * Remembers a click that an exception may follow (only the window's clicks are kept), after
 * pairing it with an exception that arrived before it but happened after it: the browser SDK
 * sends a click once it has watched the page for a second, so the click's own error usually
 * arrives first.
 */
export function rememberClick(state: SessionFrictionState, click: ClickMark, s: FrictionSettings, out: FrictionSignal[]): void {
  state.unclaimedErrors = state.unclaimedErrors.filter((x) => click.t - x.timestamp <= s.errorClickWindowMs);
  const early = state.unclaimedErrors.find((x) => follows(x.timestamp, click.t, s));
  if (early) {
    state.unclaimedErrors = state.unclaimedErrors.filter((x) => x !== early);
    out.push(errorClick(click, early, s));
    return;
  }
  state.errorCandidates = state.errorCandidates.filter((c) => click.t - c.t <= s.errorClickWindowMs);
  state.errorCandidates.push(click);
  // Clicks with the same time (a script, a batch import) all stay in the window: keep the newest.
  if (state.errorCandidates.length > MAX_RECENT_CLICKS) state.errorCandidates.shift();
}

/**
 * Error clicks: a `$exception` within `errorClickWindowMs` after a click of the same session,
 * whichever of the two arrives first. The signal is emitted when the second arrives (nothing
 * waits for a window to expire); a click gets at most one signal, and so does an exception.
 */
export function detectErrorClick(state: SessionFrictionState, exception: FrictionInput, s: FrictionSettings, out: FrictionSignal[]): void {
  const candidates = state.errorCandidates.filter((c) => follows(exception.timestamp, c.t, s));
  const click = candidates[candidates.length - 1];
  if (click === undefined) {
    state.unclaimedErrors.push(exception);
    if (state.unclaimedErrors.length > MAX_UNCLAIMED_ERRORS) state.unclaimedErrors.shift();
    return;
  }
  state.errorCandidates = state.errorCandidates.filter((c) => c !== click);
  out.push(errorClick(click, exception, s));
}

/**
 * Clicks and errors sent in different batches get their clocks corrected separately (by each
 * batch's sentAt), which can put an error a few tens of milliseconds before the click that
 * raised it: an error this close before a click still follows it.
 */
export const CLOCK_SKEW_MS = 250;

const follows = (errorAt: number, clickAt: number, s: FrictionSettings) => errorAt >= clickAt - CLOCK_SKEW_MS && errorAt - clickAt <= s.errorClickWindowMs;

/** A page that throws in a loop must not grow the state: the newest errors are enough to pair with a click. */
const MAX_UNCLAIMED_ERRORS = 16;

function errorClick(click: ClickMark, exception: FrictionInput, s: FrictionSettings): FrictionSignal {
  return {
    kind: 'error_click',
    sources: [click.id, exception.id],
    properties: {
      path: click.path,
      selector: click.selector,
      message: text(exception.properties['message']).slice(0, 500),
      value: Math.max(0, exception.timestamp - click.t),
      threshold: s.errorClickWindowMs,
    },
  };
}
