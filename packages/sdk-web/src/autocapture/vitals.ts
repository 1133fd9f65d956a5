import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import { currentPath } from '../dom.ts';
import { EVENTS, type CaptureContext } from './capture.ts';

const NAMES: Record<Metric['name'], string> = { LCP: 'lcp_ms', FCP: 'fcp_ms', CLS: 'cls', INP: 'inp_ms', TTFB: 'ttfb_ms' };

/** Core Web Vitals of the page load, sent once as the page is hidden (when LCP, CLS and INP are final). */
export function captureWebVitals(ctx: CaptureContext): void {
  const values: Record<string, number> = {};
  const path = currentPath();
  const record = (metric: Metric) => {
    values[NAMES[metric.name]] = metric.name === 'CLS' ? Math.round(metric.value * 1000) / 1000 : Math.round(metric.value);
  };
  onLCP(record);
  onFCP(record);
  onCLS(record);
  onINP(record);
  onTTFB(record);
  let sent = false;
  ctx.onHide(() => {
    if (sent || Object.keys(values).length === 0) return;
    sent = true;
    ctx.capture(EVENTS.webVitals, { path, ...values });
  });
}
