import type { FrictionSettings } from './friction-settings.ts';
import { text, type ClickMark, type FrictionInput, type FrictionSignal, type SessionFrictionState } from './friction-signal.ts';

/** Remembers a click that an exception may follow; only the window's clicks are kept. */
export function rememberClick(state: SessionFrictionState, click: ClickMark, s: FrictionSettings): void {
  state.errorCandidates = state.errorCandidates.filter((c) => click.t - c.t <= s.errorClickWindowMs);
  state.errorCandidates.push(click);
}

/**
 * Error clicks: a `$exception` within `errorClickWindowMs` after a click of the same session.
 * The signal is emitted when the exception arrives (nothing waits for a window to expire);
 * a click gets at most one signal, for the first exception after it.
 */
export function detectErrorClick(state: SessionFrictionState, exception: FrictionInput, s: FrictionSettings, out: FrictionSignal[]): void {
  const candidates = state.errorCandidates.filter((c) => exception.timestamp >= c.t && exception.timestamp - c.t <= s.errorClickWindowMs);
  const click = candidates[candidates.length - 1];
  if (click === undefined) return;
  state.errorCandidates = state.errorCandidates.filter((c) => c !== click);
  out.push({
    kind: 'error_click',
    sources: [click.id, exception.id],
    properties: {
      path: click.path,
      selector: click.selector,
      message: text(exception.properties['message']).slice(0, 500),
      value: exception.timestamp - click.t,
      threshold: s.errorClickWindowMs,
    },
  });
}
