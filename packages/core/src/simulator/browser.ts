import type { ClickObservation } from '../events/autocapture.ts';
import type { DeviceType } from './people.ts';
import type { Rng } from './rng.ts';
import type { Writer } from './writer.ts';

/**
 * What the web SDK's autocapture sends (see events/autocapture.ts), with the same names and
 * properties: page views, web vitals, clicks, form field interactions, form submit/abandon
 * and JS exceptions.
 */

/** A page load time typical for the device; healthy pages stay under 3.8 s. */
export function healthyLoadMs(rng: Rng, device: DeviceType): number {
  const ms = rng.logNormal(device === 'mobile' ? 1450 : 850, 0.35);
  return Math.round(Math.min(3800, Math.max(250, ms)));
}

/**
 * A page view followed by its web vitals. `lcpMs` defaults to a value close to the load
 * time. Returns the time the page became usable.
 */
export function viewPage(
  w: Writer,
  rng: Rng,
  t: number,
  origin: string,
  path: string,
  title: string,
  referrer: string,
  loadMs: number,
  lcpMs = Math.min(3950, Math.round(loadMs * rng.range(0.85, 1.1))),
): number {
  w.page(t, title, { path, url: origin + path, title, referrer, load_time_ms: loadMs });
  // Background noise every real site has: a harmless error on a small share of page views.
  if (rng.next() < 0.004) exception(w, t + loadMs + 50, path, 'ResizeObserver loop completed with undelivered notifications.', `${origin}/assets/vendor.js`, 1);
  const fcp = Math.round(lcpMs * rng.range(0.45, 0.7));
  w.track(t + loadMs + 300, '$web_vitals', {
    path,
    lcp_ms: lcpMs,
    fcp_ms: fcp,
    cls: Math.round(rng.range(0, 0.12) * 1000) / 1000,
    inp_ms: Math.round(rng.logNormal(110, 0.4)),
    ttfb_ms: Math.round(Math.min(fcp * 0.6, rng.logNormal(180, 0.4))),
  });
  return t + loadMs;
}

export function click(
  w: Writer,
  t: number,
  path: string,
  selector: string,
  text: string,
  tag: string,
  x: number,
  y: number,
  observed: ClickObservation,
): void {
  w.track(t, '$click', { path, selector, text, tag, x, y, observed });
}

/**
 * Rage clicks: 3 to 6 clicks on the same element within a second, within a few pixels,
 * with nothing observed. Returns the time of the last click.
 */
export function rageClicks(w: Writer, rng: Rng, t: number, path: string, selector: string, text: string, tag: string, x: number, y: number): number {
  const n = rng.int(3, 6);
  for (let i = 0; i < n; i++) {
    click(w, t, path, selector, text, tag, x + rng.int(-8, 8), y + rng.int(-6, 6), 'none');
    t += rng.int(110, 170);
  }
  return t;
}

export interface FormField {
  readonly name: string;
  /** Median time spent in the field, ms. */
  readonly medianMs: number;
}

/**
 * Fills a form field by field (focus, change, blur). With `abandonAt` = i, the visitor
 * focuses field i, leaves it empty and abandons the form; with -1 the form is submitted.
 * Returns the time of the submit or abandon.
 */
export function fillForm(
  w: Writer,
  rng: Rng,
  t: number,
  path: string,
  form: string,
  fields: readonly FormField[],
  abandonAt: number,
): number {
  const last = abandonAt < 0 ? fields.length - 1 : Math.min(abandonAt, fields.length - 1);
  for (let i = 0; i <= last; i++) {
    const field = fields[i]!.name;
    w.track(t, '$form_field_focus', { path, form, field });
    if (i === abandonAt) {
      const stare = Math.round(rng.logNormal(9000, 0.5));
      w.track(t + stare, '$form_field_blur', { path, form, field, duration_ms: stare, filled: false });
      t += stare + rng.int(1500, 6000);
      w.track(t, '$form_abandon', { path, form, last_field: field, fields_touched: i + 1 });
      return t;
    }
    const typing = Math.round(rng.logNormal(fields[i]!.medianMs, 0.4));
    w.track(t + typing, '$form_field_change', { path, form, field, filled: true });
    w.track(t + typing + 120, '$form_field_blur', { path, form, field, duration_ms: typing + 120, filled: true });
    t += typing + rng.int(300, 1200);
  }
  w.track(t, '$form_submit', { path, form });
  return t;
}

export function exception(w: Writer, t: number, path: string, message: string, source: string, lineno: number): void {
  w.track(t, '$exception', { path, message, source, lineno });
}
