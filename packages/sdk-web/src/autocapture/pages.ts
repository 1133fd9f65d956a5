import type { CaptureContext } from './capture.ts';

/** Time from navigation start to the end of the load event, when the browser knows it. */
function loadTimeMs(): number | null {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  if (navigation && navigation.loadEventEnd > 0) return Math.round(navigation.loadEventEnd - navigation.startTime);
  return null;
}

/**
 * Page views: the first once the page has loaded (with its load time), then one per route
 * change in single-page apps (history.pushState/replaceState, back and forward).
 */
export function capturePageviews(ctx: CaptureContext, routeChanged: (previousPath: string) => void): void {
  const first = () => ctx.page({ load_time_ms: loadTimeMs() });
  if (document.readyState === 'complete') first();
  // loadEventEnd is set once the load handlers have run: read it on the next turn.
  else window.addEventListener('load', () => setTimeout(first, 0), { once: true });

  let path = location.pathname;
  const check = () => {
    if (location.pathname === path) return;
    const previous = path;
    path = location.pathname;
    routeChanged(previous);
    ctx.page({});
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
  }
  window.addEventListener('popstate', check);
  window.addEventListener('hashchange', check);
}
