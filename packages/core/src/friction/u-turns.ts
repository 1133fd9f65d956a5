import type { FrictionSettings } from './friction-settings.ts';
import type { FrictionSignal, PageMark, SessionFrictionState } from './friction-signal.ts';

/**
 * U-turns: A, then B, then A again within `uTurnWindowMs` of B becoming usable (its page view
 * plus its `load_time_ms`: a visitor cannot turn away from a page before seeing it, and a slow
 * page must not hide a U-turn behind its own load time). The signal is about
 * B (the page the visitor turned away from) and is emitted at the return to A. A view that
 * ends a U-turn does not start one: bouncing A B A B A gives two U-turns on B, not also
 * U-turns on A.
 */
export function detectUTurn(state: SessionFrictionState, page: PageMark, s: FrictionSettings, out: FrictionSignal[]): void {
  const [before, previous] = state.pages.slice(-2);
  if (before === undefined || previous === undefined) return;
  if (before.path !== page.path || previous.path === page.path || previous.endsUTurn) return;
  const dwell = Math.max(0, page.t - previous.shownAt);
  if (dwell > s.uTurnWindowMs) return;
  page.endsUTurn = true;
  out.push({ kind: 'u_turn', sources: [previous.id, page.id], properties: { path: previous.path, back_to: page.path, value: dwell, threshold: s.uTurnWindowMs } });
}
