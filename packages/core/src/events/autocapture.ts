/**
 * The events Waymark's web SDK sends without tagging, and that the simulator imitates.
 * Page views are Segment `page` calls (stored as `$page`); the rest are `track` calls.
 *
 * - `$page`           properties: path, url, title, referrer, load_time_ms
 * - `$click`          properties: path, selector, text, tag, x, y, observed
 *                     (`observed` is what the SDK saw within 1 s: 'page_change' | 'mutation' | 'none')
 * - `$form_field_focus` / `$form_field_change` / `$form_field_blur`
 *                     properties: path, form, field, duration_ms (blur: time since focus), filled
 * - `$form_submit`    properties: path, form
 * - `$form_abandon`   properties: path, form, last_field, fields_touched
 * - `$exception`      properties: path, message, source, lineno
 * - `$web_vitals`     properties: path, lcp_ms, fcp_ms, cls, inp_ms, ttfb_ms
 */
export const AUTOCAPTURE_EVENTS = {
  page: '$page',
  click: '$click',
  fieldFocus: '$form_field_focus',
  fieldChange: '$form_field_change',
  fieldBlur: '$form_field_blur',
  formSubmit: '$form_submit',
  formAbandon: '$form_abandon',
  exception: '$exception',
  webVitals: '$web_vitals',
} as const;

export const CLICK_OBSERVATIONS = ['page_change', 'mutation', 'none'] as const;
export type ClickObservation = (typeof CLICK_OBSERVATIONS)[number];
