import type { FrictionSettings } from './friction-settings.ts';
import { num, text, type FrictionInput, type FrictionSignal, type PageMark, type SessionFrictionState } from './friction-signal.ts';

/** Slow page by load time: emitted at the page view itself. */
export function detectSlowLoad(page: PageMark, e: FrictionInput, s: FrictionSettings, out: FrictionSignal[]): void {
  const load = num(e.properties['load_time_ms']);
  if (load === null || load <= s.slowPageLoadMs) return;
  page.slow = true;
  out.push({ kind: 'slow_page', sources: [page.id], properties: { path: page.path, metric: 'load_time_ms', value: load, threshold: s.slowPageLoadMs } });
}

/**
 * Slow page by largest contentful paint, from the `$web_vitals` of the current page view;
 * a page view already flagged by its load time is not flagged twice.
 */
export function detectSlowLcp(state: SessionFrictionState, e: FrictionInput, s: FrictionSettings, out: FrictionSignal[]): void {
  const lcp = num(e.properties['lcp_ms']);
  const page = state.pages[state.pages.length - 1];
  if (lcp === null || lcp <= s.slowPageLcpMs || page === undefined || page.slow || page.path !== text(e.properties['path'])) return;
  page.slow = true;
  out.push({ kind: 'slow_page', sources: [page.id, e.id], properties: { path: page.path, metric: 'lcp_ms', value: lcp, threshold: s.slowPageLcpMs } });
}
