import type { FrictionSettings } from './friction-settings.ts';
import { MAX_RECENT_CLICKS, type ClickMark, type FrictionSignal, type SessionFrictionState } from './friction-signal.ts';

const near = (a: ClickMark, b: ClickMark, radius: number) => (a.x - b.x) ** 2 + (a.y - b.y) ** 2 <= radius * radius;

/**
 * Rage clicks: `rageClickMinClicks` clicks within `rageClickWindowMs`, each within
 * `rageClickRadiusPx` of the newest. The signal is emitted at the click that completes the
 * burst (so it is known at once); later clicks that continue the burst (within the window and
 * radius of its last click) extend it without a second signal.
 */
export function detectRageClick(state: SessionFrictionState, click: ClickMark, s: FrictionSettings, out: FrictionSignal[]): void {
  const burst = state.burst;
  if (burst !== null && click.t - burst.t <= s.rageClickWindowMs && near(burst, click, s.rageClickRadiusPx)) {
    state.burst = click;
    return;
  }
  state.burst = null;
  const recent = state.clicks.filter((c) => click.t - c.t <= s.rageClickWindowMs);
  const burstClicks = recent.filter((c) => near(c, click, s.rageClickRadiusPx));
  if (burstClicks.length + 1 >= s.rageClickMinClicks) {
    const first = burstClicks[0]!;
    out.push({
      kind: 'rage_click',
      sources: [...burstClicks.map((c) => c.id), click.id],
      properties: {
        path: first.path,
        selector: first.selector,
        value: burstClicks.length + 1,
        threshold: s.rageClickMinClicks,
        window_ms: s.rageClickWindowMs,
        radius_px: s.rageClickRadiusPx,
        duration_ms: click.t - first.t,
      },
    });
    state.burst = click;
    state.clicks = [];
    return;
  }
  recent.push(click);
  state.clicks = recent.length > MAX_RECENT_CLICKS ? recent.slice(-MAX_RECENT_CLICKS) : recent;
}
