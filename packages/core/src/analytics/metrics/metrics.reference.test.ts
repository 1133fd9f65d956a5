import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../analysis-event.ts';
import { breakdownValuesLeftOut } from '../breakdown-limit.ts';
import { METRIC_CATALOG, METRIC_PARAMETER_DEFAULTS, type MetricId } from './metric-definitions.ts';
import { metricWindows, validateMetricSpec, type MetricSpec } from './metric.spec.ts';
import { metricReference } from './metrics.reference.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-02T00:00:00Z'); // a Monday

let seq = 0;
const ev = (person: string, event: string, at: number, properties: Record<string, unknown> = {}, sessionId: string | null = null, channel = 'web'): AnalysisEvent => ({
  personId: person,
  event,
  timestamp: T0 + at,
  sessionId,
  channel,
  properties,
  seq: seq++,
});

const spec = (metric: MetricId, extra: Partial<MetricSpec> = {}): MetricSpec => ({
  kind: 'metric',
  metric,
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 7 * DAY).toISOString(),
  ...extra,
});

describe('metric reference, by hand', () => {
  it('conversion rate: active persons who did the goal / active persons; spend is not activity', () => {
    const events = [ev('a', '$page', HOUR), ev('a', 'Order Completed', 2 * HOUR), ev('b', '$page', HOUR), ev('spend:ads', 'Marketing Spend', HOUR), ev('c', 'Order Completed', 8 * DAY)];
    expect(metricReference(spec('conversion_rate'), events)).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    // Only page viewers are active: a buyer without a page view does not count.
    const events2 = [...events, ev('d', 'Order Completed', HOUR)];
    expect(metricReference(spec('conversion_rate', { activeEvent: '$page' }), events2)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('bounce rate and session duration: sessions that start in the window, counted whole', () => {
    const events = [
      ev('a', '$page', HOUR, {}, 's1'),
      ev('a', 'Clicked', HOUR + 60_000, {}, 's1'),
      ev('b', '$page', HOUR, {}, 's2'),
      ev('b', '$page', HOUR + 30_000, {}, 's2'),
      ev('c', 'Clicked', HOUR, {}, 's3'), // no page view: not a bounce candidate, but a session
      ev('d', '$page', -HOUR, {}, 's4'), // starts before the window
      ev('d', '$page', HOUR, {}, 's4'),
    ];
    expect(metricReference(spec('bounce_rate'), events)).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(metricReference(spec('session_duration'), events)).toMatchObject({ numerator: 90_000, denominator: 3, value: 30_000 });
  });

  it('time to activation: the lower median of first event to first activation, for activations in the window', () => {
    const events = [
      ev('a', '$page', -DAY),
      ev('a', 'Teammate Invited', HOUR), // 25 h
      ev('b', '$page', 0),
      ev('b', 'Teammate Invited', 2 * HOUR), // 2 h
      ev('c', '$page', 0),
      ev('c', 'Teammate Invited', 10 * HOUR), // 10 h
      ev('c', 'Teammate Invited', 11 * HOUR),
      ev('d', 'Teammate Invited', -HOUR), // activated before the window
      ev('e', '$page', 0),
      ev('e', 'Teammate Invited', 3 * HOUR), // 3 h
    ];
    // Sorted 2, 3, 10, 25 h: rank (4 - 1) * 0.5 = 1.5, the lower value is 3 h.
    expect(metricReference(spec('time_to_activation'), events)).toMatchObject({ numerator: 3 * HOUR, denominator: 4, value: 3 * HOUR });
  });

  it('DAU, WAU, MAU and DAU/MAU', () => {
    const events = [ev('a', '$page', HOUR), ev('a', '$page', 2 * HOUR), ev('a', '$page', DAY + HOUR), ev('b', '$page', DAY + HOUR), ev('spend:x', 'Marketing Spend', HOUR)];
    expect(metricReference(spec('dau'), events)).toMatchObject({ numerator: 3, denominator: 7 });
    expect(metricReference(spec('wau'), events)).toMatchObject({ numerator: 2, denominator: 1, value: 2 });
    expect(metricReference(spec('mau'), events)).toMatchObject({ numerator: 2, denominator: 1 });
    // (3 / 7) / (2 / 1)
    expect(metricReference(spec('dau_mau'), events)).toMatchObject({ numerator: 3, denominator: 14 });
  });

  it('churn, MRR and ARR from subscription events, ties broken by arrival', () => {
    const events = [
      ev('a', 'Subscription Started', -10 * DAY, { mrr: 50 }),
      ev('a', 'Subscription Renewed', -DAY, { mrr: 60 }),
      ev('a', 'Subscription Cancelled', 2 * DAY, { mrr: 60 }),
      ev('b', 'Subscription Started', -5 * DAY, { mrr: 30 }),
      ev('c', 'Subscription Started', -3 * DAY, { mrr: 20 }),
      ev('c', 'Subscription Cancelled', -3 * DAY, { mrr: 20 }), // same instant, arrived later: cancelled
      ev('d', 'Subscription Started', DAY, { mrr: 100 }),
      ev('d', 'Subscription Cancelled', 2 * DAY, { mrr: 100 }), // not in the base at the start
      ev('e', 'Subscription Started', 3 * DAY, { mrr: 'lots' }),
    ];
    expect(metricReference(spec('churn_rate'), events)).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    // At the end: b (30) and e (non-numeric: 0).
    expect(metricReference(spec('mrr'), events)).toMatchObject({ numerator: 30, denominator: 2, value: 30 });
    expect(metricReference(spec('arr'), events)).toMatchObject({ value: 360 });
  });

  it('repeat purchase rate, AOV (with breakdown and series), ARPU and CLV', () => {
    const events = [
      ev('a', 'Order Completed', HOUR, { revenue: 10, country: 'DE' }),
      ev('a', 'Order Completed', DAY + HOUR, { revenue: 30, country: 'US' }),
      ev('b', 'Order Completed', HOUR, { revenue: 20, country: 'DE' }),
      ev('c', 'Order Completed', HOUR, { revenue: 'n/a' }), // an order, but no revenue
      ev('d', '$page', HOUR),
      ev('e', 'Order Completed', -DAY, { revenue: 100 }), // before the window
    ];
    expect(metricReference(spec('repeat_purchase_rate'), events)).toMatchObject({ numerator: 1, denominator: 3 });
    const aov = metricReference(spec('aov', { interval: 'day', to: new Date(T0 + 2 * DAY).toISOString(), breakdown: { property: 'country' } }), events);
    expect(aov).toMatchObject({ numerator: 60, denominator: 3, value: 20 });
    expect(aov.series).toEqual([
      { bucket: '2026-03-02', numerator: 30, denominator: 2, value: 15 },
      { bucket: '2026-03-03', numerator: 30, denominator: 1, value: 30 },
    ]);
    expect(aov.breakdown?.map((b) => [b.key, b.value, b.series?.map((p) => p.value)])).toEqual([
      ['DE', 15, [15, null]],
      ['US', 30, [null, 30]],
    ]);
    // At most `limit` values, the most orders first; breakdownValues counts them all.
    const one = metricReference(spec('aov', { interval: 'day', to: new Date(T0 + 2 * DAY).toISOString(), breakdown: { property: 'country', limit: 1 } }), events);
    expect([one.breakdown, one.breakdownValues, breakdownValuesLeftOut(one)]).toEqual([aov.breakdown!.slice(0, 1), 2, 1]);
    expect(metricReference(spec('arpu'), events)).toMatchObject({ numerator: 60, denominator: 4, value: 15 });
    expect(metricReference(spec('clv'), events)).toMatchObject({ numerator: 160, denominator: 4, value: 40 });
  });

  it('CAC per acquisition source of new customers, blended on top', () => {
    const events = [
      ev('spend:paid_search', 'Marketing Spend', HOUR, { source: 'paid_search', amount: 100 }),
      ev('spend:paid_search', 'Marketing Spend', DAY, { source: 'paid_search', amount: 50 }),
      ev('spend:social', 'Marketing Spend', DAY, { source: 'social', amount: 40 }),
      ev('a', '$identify', 0, { acquisition_source: 'paid_search' }),
      ev('a', 'Order Completed', HOUR),
      ev('b', '$identify', 0, { acquisition_source: 'paid_search' }),
      ev('b', '$identify', HOUR, { acquisition_source: 'social' }), // the first one counts
      ev('b', 'Order Completed', 2 * HOUR),
      ev('c', 'Order Completed', 2 * HOUR), // no source
      ev('d', '$identify', 0, { acquisition_source: 'social' }),
      ev('d', 'Order Completed', -DAY), // not new in the window
      ev('d', 'Order Completed', HOUR),
    ];
    const cac = metricReference(spec('cac'), events);
    expect(cac).toMatchObject({ numerator: 190, denominator: 3 });
    // Most new customers first.
    expect(cac.breakdown).toEqual([
      { key: 'paid_search', numerator: 150, denominator: 2, value: 75 },
      { key: null, numerator: 0, denominator: 1, value: 0 },
      { key: 'social', numerator: 40, denominator: 0, value: null },
    ]);
  });

  it('NPS, CSAT and CES from survey responses of their type and scale', () => {
    const s = (type: string, score: unknown) => ev('a', 'Survey Responded', HOUR, { survey_type: type, score });
    const events = [s('nps', 10), s('nps', 9), s('nps', 8), s('nps', 3), s('nps', 11), s('nps', '10'), s('csat', 5), s('csat', 4), s('csat', 2), s('csat', 0), s('ces', 6), s('ces', 3)];
    expect(metricReference(spec('nps'), events)).toMatchObject({ numerator: 1, denominator: 4, value: 25 });
    expect(metricReference(spec('csat'), events)).toMatchObject({ numerator: 2, denominator: 3 });
    expect(metricReference(spec('csat'), events).value).toBeCloseTo(66.667, 3);
    expect(metricReference(spec('ces'), events)).toMatchObject({ numerator: 9, denominator: 2, value: 4.5 });
  });

  it('first-contact resolution, resolution rate and average handle time', () => {
    const events = [
      ev('a', 'Ticket Created', HOUR, { ticket_id: 't1' }),
      ev('a', 'Ticket Created', HOUR, { ticket_id: 't2' }),
      ev('b', 'Ticket Created', HOUR, { ticket_id: 't3' }),
      ev('b', 'Ticket Created', HOUR), // no id
      ev('a', 'Ticket Resolved', 2 * HOUR, { ticket_id: 't1', first_contact_resolution: true, resolution_time_ms: HOUR }),
      ev('b', 'Ticket Resolved', 9 * DAY, { ticket_id: 't3', first_contact_resolution: 'true', resolution_time_ms: 3 * HOUR }),
      ev('c', 'Ticket Resolved', 3 * HOUR, { ticket_id: 't0', first_contact_resolution: false, resolution_time_ms: 3 * HOUR }),
    ];
    expect(metricReference(spec('first_contact_resolution'), events)).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    // t1 and t3 resolved (t3 after the window), t2 not.
    expect(metricReference(spec('resolution_rate'), events)).toMatchObject({ numerator: 2, denominator: 3 });
    expect(metricReference(spec('average_handle_time'), events)).toMatchObject({ numerator: 4 * HOUR, denominator: 2, value: 2 * HOUR });
  });
});

describe('metric windows', () => {
  it('cut periods at local midnights, daylight-saving days included', () => {
    const windows = metricWindows({ from: Date.parse('2026-03-28T12:00:00Z'), to: Date.parse('2026-03-31T00:00:00Z'), timeZone: 'Europe/Berlin' }, 'day');
    expect(windows.map((w) => [w.bucket, new Date(w.from).toISOString(), new Date(w.to).toISOString()])).toEqual([
      [null, '2026-03-28T12:00:00.000Z', '2026-03-31T00:00:00.000Z'],
      ['2026-03-28', '2026-03-28T12:00:00.000Z', '2026-03-28T23:00:00.000Z'],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z'],
      ['2026-03-31', '2026-03-30T22:00:00.000Z', '2026-03-31T00:00:00.000Z'],
    ]);
    const months = metricWindows({ from: Date.parse('2026-01-15T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z'), timeZone: 'UTC' }, 'month');
    expect(months.slice(1).map((w) => w.bucket)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });
});

describe('metric specs', () => {
  const base = { kind: 'metric', metric: 'aov', from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
  it.each([
    [{ ...base, metric: 'happiness' }, 'metric'],
    [{ ...base, goalEvent: 'Signed Up' }, 'goalEvent'],
    [{ ...base, revenueProperty: '' }, 'revenueProperty'],
    [{ ...base, metric: 'mrr', breakdown: { property: 'plan' } }, 'breakdown'],
    [{ ...base, metric: 'cac', breakdown: { property: 'source' } }, 'breakdown'],
    [{ ...base, metric: 'aov', breakdown: { property: 'country', limit: 0 } }, 'breakdown.limit'],
    [{ ...base, interval: 'hour' }, 'interval'],
    [{ ...base, from: '2020-01-01T00:00:00Z', interval: 'day' }, 'interval'],
    [{ ...base, to: '2026-02-01T00:00:00Z' }, 'to'],
    [{ ...base, timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ ...base, color: 'red' }, 'color'],
  ])('refuses %j naming %s', (input, path) => {
    const result = validateMetricSpec(input);
    expect(result.kind).toBe('error');
    if (result.kind === 'error') expect([result.error.code, result.error.path]).toEqual(['WM_REQUEST_INVALID', path]);
  });

  it('accepts the overrides a metric reads', () => {
    expect(validateMetricSpec({ ...base, revenueProperty: 'total', orderEvent: 'Purchase', breakdown: { property: '$channel' }, interval: 'week' }).kind).toBe('ok');
  });

  it('catalog: unique ids, parameters that exist, a definition for each', () => {
    expect(new Set(METRIC_CATALOG.map((m) => m.id)).size).toBe(METRIC_CATALOG.length);
    for (const m of METRIC_CATALOG) {
      expect(m.definition.length).toBeGreaterThan(40);
      for (const p of m.parameters) expect(Object.keys(METRIC_PARAMETER_DEFAULTS)).toContain(p);
    }
  });
});
