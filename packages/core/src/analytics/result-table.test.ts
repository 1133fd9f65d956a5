import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from './analysis-event.ts';
import { funnelReference } from './funnel/funnel.reference.ts';
import { lifecycleReference } from './lifecycle/lifecycle.reference.ts';
import { metricReference } from './metrics/metrics.reference.ts';
import { pathsReference } from './paths/paths.reference.ts';
import { resultTable } from './result-table.ts';
import { retentionReference } from './retention/retention.reference.ts';
import { stickinessReference } from './stickiness/stickiness.reference.ts';
import { trendsReference } from './trends/trends.reference.ts';

const t0 = Date.parse('2026-03-02T10:00:00Z');
const DAY = 86_400_000;
const e = (seq: number, personId: string, event: string, at: number, channel = 'web'): AnalysisEvent => ({ personId, event, timestamp: t0 + at, sessionId: null, channel, properties: {}, seq });
// a: view, buy on Monday; b: view Monday (from email) and again 8 days later; c: view, view the next day.
const events = [e(1, 'a', 'view', 0), e(2, 'a', 'buy', 30 * 60_000), e(3, 'b', 'view', 0, 'email'), e(4, 'b', 'view', 8 * DAY, 'email'), e(5, 'c', 'view', 0), e(6, 'c', 'view', DAY)];
const range = { from: '2026-03-02T00:00:00Z', to: '2026-03-16T00:00:00Z', timeZone: 'UTC' };

describe('an analysis result as a table', () => {
  it('lists a split funnel as the whole funnel, then each group', () => {
    const result = funnelReference({ kind: 'funnel', steps: [{ event: 'view' }, { event: 'buy' }], window: { value: 1, unit: 'day' }, order: 'ordered', breakdown: { by: 'channel' }, ...range }, events);
    const t = resultTable('funnel', result)!;
    expect(t.columns.map((c) => c.name)).toEqual(['group', 'step', 'persons', 'from previous', 'from start', 'dropped']);
    expect(t.rows).toEqual([
      ['all', 'view', 3, 1, 1, 0],
      ['all', 'buy', 1, 1 / 3, 1 / 3, 2],
      ['web', 'view', 2, 1, 1, 0],
      ['web', 'buy', 1, 0.5, 0.5, 1],
      ['email', 'view', 1, 1, 1, 0],
      ['email', 'buy', 0, 0, 0, 1],
    ]);
  });

  it('lists a metric per period and in total; broken down, the whole first, then each value', () => {
    const order = (seq: number, at: number, revenue: number, channel: string): AnalysisEvent => ({ ...e(seq, `p${seq}`, 'Order Completed', at, channel), properties: { revenue } });
    const orders = [order(1, 0, 10, 'web'), order(2, DAY, 30, 'web'), order(3, DAY, 20, 'store')];
    const aov = metricReference({ kind: 'metric', metric: 'aov', interval: 'week', breakdown: { property: '$channel' }, ...range }, orders);
    const t = resultTable('metric', aov)!;
    expect(t.columns.map((c) => c.name)).toEqual(['group', 'period', 'aov', 'numerator', 'denominator']);
    expect(t.rows).toEqual([
      ['all', '2026-03-02', 20, 60, 3],
      ['all', '2026-03-09', null, 0, 0],
      ['all', 'total', 20, 60, 3],
      ['web', '2026-03-02', 20, 40, 2],
      ['web', '2026-03-09', null, 0, 0],
      ['web', 'total', 20, 40, 2],
      ['store', '2026-03-02', 20, 20, 1],
      ['store', '2026-03-09', null, 0, 0],
      ['store', 'total', 20, 20, 1],
    ]);
    expect(resultTable('metric', { ...aov, breakdown: undefined })!.rows).toEqual(t.rows.slice(0, 3).map((r) => r.slice(1)));
  });

  it('lists a trend per period, then its totals, and compared, the totals of the period before (whole, then up to the same point)', () => {
    const spec = { kind: 'trends' as const, series: [{ matcher: { event: 'view' }, measure: 'count' as const }, { matcher: { event: 'buy' }, measure: 'count' as const }], interval: 'week' as const, from: '2026-03-09T00:00:00Z', to: '2026-03-16T00:00:00Z', timeZone: 'UTC' };
    const alone = resultTable('trends', trendsReference(spec, events))!;
    expect(alone.rows).toEqual([['2026-03-09', 1, 0], ['total', 1, 0]]);
    // The week before holds 4 views and the buy; before Monday 10:30 (as far into it as the range was read), 3 views, the buy at 10:30 not yet.
    const compared = resultTable('trends', trendsReference({ ...spec, compare: true, asOf: '2026-03-09T10:30:00Z' }, events))!;
    expect(compared.columns.map((c) => c.name)).toEqual(['period', 'count(view)', 'count(buy)']);
    expect(compared.rows).toEqual([['2026-03-09', 1, 0], ['total', 1, 0], ['total, period before', 4, 1], ['total, period before to 2026-03-02T10:30:00.000Z', 3, 0]]);
  });

  it('lists retention as rates per period, lifecycle and stickiness as counts per period', () => {
    const retention = resultTable('retention', retentionReference({ kind: 'retention', cohortEvent: { event: 'view' }, returnEvent: { event: 'view' }, interval: 'week', periods: 1, ...range }, events))!;
    expect(retention.rows).toEqual([['2026-03-02', 3, 1, 1 / 3], ['2026-03-09', 0, null, null]]);
    expect(retention.columns).toEqual([{ name: 'cohort', kind: 'text' }, { name: 'persons', kind: 'count' }, { name: 'week 0', kind: 'rate' }, { name: 'week 1', kind: 'rate' }]);

    const lifecycle = resultTable('lifecycle', lifecycleReference({ kind: 'lifecycle', matcher: { event: 'view' }, interval: 'week', ...range }, events))!;
    expect(lifecycle.columns.map((c) => c.name)).toEqual(['period', 'new', 'returning', 'resurrecting', 'dormant']);
    expect(lifecycle.rows).toEqual([['2026-03-02', 3, 0, 0, 0], ['2026-03-09', 0, 1, 0, 2]]);

    const stickiness = resultTable('stickiness', stickinessReference({ kind: 'stickiness', matcher: { event: 'view' }, interval: 'week', ...range }, events))!;
    expect(stickiness.columns.map((c) => c.name).slice(0, 4)).toEqual(['period', 'persons', '1 day', '2 days']);
    expect(stickiness.rows.map((r) => r.slice(0, 4))).toEqual([['2026-03-02', 3, 2, 1], ['2026-03-09', 1, 1, 0]]);
  });

  it('leaves blank the retention cells whose period has not begun when read', () => {
    const result = retentionReference({ kind: 'retention', cohortEvent: { event: 'view' }, returnEvent: { event: 'view' }, interval: 'day', periods: 10, ...range }, events);
    // Read on Wednesday 4 March at noon: the first cohort's days 0 to 2 have begun, day 2 is today.
    const wednesday = resultTable('retention', result, { now: Date.parse('2026-03-04T12:00:00Z'), timeZone: 'UTC' })!;
    expect(wednesday.rows[0]).toEqual(['2026-03-02', 3, 1, 1 / 3, 0, null, null, null, null, null, null, null, null]);
    // Unread (no clock), every cell of a cohort with persons has its rate.
    expect(resultTable('retention', result)!.rows[0]!.slice(2)).toEqual(result.cohorts[0]!.rates);

    // Whenever it is read, a UTC cell is blank exactly when its day starts after that moment (or its cohort is empty).
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-02-20T00:00:00Z'), max: Date.parse('2026-04-01T00:00:00Z') }), (now) => {
        const rows = resultTable('retention', result, { now, timeZone: 'UTC' })!.rows;
        rows.forEach(([cohort, size, ...cells]) =>
          cells.forEach((cell, k) => expect(cell === null).toBe(size === 0 || Date.parse(`${cohort}T00:00:00Z`) + k * DAY > now)),
        );
      }),
    );
  });

  it('lists paths as the transitions of each step', () => {
    const t = resultTable('paths', pathsReference({ kind: 'paths', anchor: { event: 'view' }, steps: 2, ...range }, events))!;
    expect(t.columns.map((c) => c.name)).toEqual(['step', 'from', 'to', 'paths']);
    expect(t.rows).toEqual([
      [1, 'view', 'view', 2],
      [1, 'view', 'buy', 1],
    ]);
  });

  it('lists the persons behind a number when the spec asks for them', () => {
    const personsAt = { period: '2026-03-09', status: 'dormant' as const };
    const dormant = resultTable('lifecycle', lifecycleReference({ kind: 'lifecycle', matcher: { event: 'view' }, interval: 'week', personsAt, ...range }, events))!;
    expect(dormant).toEqual({ columns: [{ name: 'person', kind: 'text' }], rows: [['a'], ['c']] });
    const converted = resultTable('funnel', funnelReference({ kind: 'funnel', steps: [{ event: 'view' }, { event: 'buy' }], window: { value: 1, unit: 'day' }, order: 'ordered', personsAt: { step: 1, outcome: 'converted' }, ...range }, events))!;
    expect(converted.rows).toEqual([['a']]);
  });

  it('has no table for a kind it does not know', () => {
    expect(resultTable('friction', {})).toBeNull();
  });
});
