import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathsReference, type AnalysisEvent, type FunnelStepResult, type LifecyclePeriod, type TrendLine } from '@waymark/core';
import { funnelOutcomeAt, funnelPeriodAt, lifecycleStatusAt, pathsLinkAt, stackedAt, stickinessPeriodAt, trendLineAt } from './chart-picks.ts';

const period = (counts: Partial<LifecyclePeriod>): LifecyclePeriod => ({ period: '2026-03-02', new: 0, returning: 0, resurrecting: 0, dormant: 0, ...counts });
const step = (index: number, persons: number, dropOff: number): FunnelStepResult => ({ index, name: 'e', persons, dropOff, conversionFromPrevious: null, conversionFromStart: null });
const line = (series: number, values: (number | null)[]): TrendLine => ({ series, label: `s${series}`, breakdown: null, values, total: null });

describe('what a click on a chart column lists', () => {
  it('a lifecycle column: the status whose stacked segment holds the value', () => {
    const p = period({ new: 3, returning: 5, resurrecting: 2, dormant: 4 });
    expect([0.5, 3, 3.1, 8, 8.5, 10, 40, -0.1, -4, -9].map((v) => lifecycleStatusAt(p, v))).toEqual(['new', 'new', 'returning', 'returning', 'resurrecting', 'resurrecting', 'resurrecting', 'dormant', 'dormant', 'dormant']);
    // Empty segments take no height: the value falls to the next one up; nothing below zero to list.
    expect([1, 2.5, 50, -1].map((v) => lifecycleStatusAt(period({ new: 0, returning: 2, resurrecting: 0 }), v))).toEqual(['returning', 'returning', 'returning', null]);
    expect(lifecycleStatusAt(period({ dormant: 2 }), 1)).toBeNull();
  });

  it('a lifecycle column answers every value with a status that has persons, or nothing when the side has none', () => {
    const counts = fc.record({ new: fc.nat(9), returning: fc.nat(9), resurrecting: fc.nat(9), dormant: fc.nat(9) });
    fc.assert(
      fc.property(counts, fc.double({ min: -30, max: 40, noNaN: true }), (c, value) => {
        const status = lifecycleStatusAt(period(c), value);
        if (status === null) expect(value < 0 ? c.dormant : c.new + c.returning + c.resurrecting).toBe(0);
        else expect(c[status]).toBeGreaterThan(0);
        if (status !== null) expect(status === 'dormant').toBe(value < 0);
      }),
    );
  });

  it('a stacked column: the segment under the value, the topmost above them all, nothing when all are empty', () => {
    expect([0, 2, 2.01, 5, 5.5, 99].map((v) => stackedAt([2, 0, 3, 1], v))).toEqual([0, 0, 2, 2, 3, 3]);
    expect(stackedAt([0, 0], 1)).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.nat(5), { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 50, noNaN: true }), (heights, value) => {
        const at = stackedAt(heights, value);
        if (at === null) {
          expect(heights.every((h) => h === 0)).toBe(true);
          return;
        }
        expect(heights[at]).toBeGreaterThan(0);
        const below = heights.slice(0, at).reduce((a, b) => a + b, 0);
        // The value is at most the segment's top, and past the segments below unless it is the lowest with persons.
        if (value <= below + heights[at]!) expect(below === 0 || value > below).toBe(true);
        else expect(heights.slice(at + 1).every((h) => h === 0)).toBe(true);
      }),
    );
  });

  it('a stickiness column: the period whose part of the bar holds the value, for that count of days', () => {
    const weeks = [
      { period: '2026-03-02', persons: 5, days: [4, 1, 0, 0, 0, 0, 0] },
      { period: '2026-03-09', persons: 6, days: [3, 0, 3, 0, 0, 0, 0] },
    ];
    expect([1, 4, 4.5, 7, 30].map((v) => stickinessPeriodAt(weeks, 0, v)?.period)).toEqual(['2026-03-02', '2026-03-02', '2026-03-09', '2026-03-09', '2026-03-09']);
    // Two days: only the first week has anyone; three: only the second; seven: no one.
    expect([0.5, 9].map((v) => stickinessPeriodAt(weeks, 1, v)?.period)).toEqual(['2026-03-02', '2026-03-02']);
    expect(stickinessPeriodAt(weeks, 2, 1)?.period).toBe('2026-03-09');
    expect(stickinessPeriodAt(weeks, 6, 1)).toBeNull();
  });

  it('a funnel bar: reached at its height, dropped in the pale part above; the first step has no drop-off', () => {
    expect([1, 6, 6.5, 9, 20].map((v) => funnelOutcomeAt(step(1, 6, 3), v))).toEqual(['converted', 'converted', 'dropped', 'dropped', 'dropped']);
    expect(funnelOutcomeAt(step(0, 6, 0), 20)).toBe('converted');
    expect(funnelOutcomeAt(step(2, 0, 4), 1)).toBe('dropped');
    expect(funnelOutcomeAt(step(2, 0, 0), 1)).toBeNull();
    expect(funnelOutcomeAt(step(2, 5, 0), 9)).toBe('converted');
  });

  it('a period of conversion over time: converted at the height of its bar, entered above it', () => {
    const period = (entered: number, converted: number) => ({ bucket: '2026-03-02', entered, converted, conversionRate: null });
    expect([1, 4, 4.5, 10, 50].map((v) => funnelPeriodAt(period(10, 4), v))).toEqual(['converted', 'converted', 'entered', 'entered', 'entered']);
    expect(funnelPeriodAt(period(10, 0), 0.1)).toBe('entered');
    // Everyone converted: the two lists are one.
    expect(funnelPeriodAt(period(3, 3), 9)).toBe('converted');
    expect(funnelPeriodAt(period(0, 0), 1)).toBeNull();
  });

  it('a trend column: the nearest line with a value there', () => {
    const lines = [line(0, [4, 0, 10]), line(1, [9, 3, null]), line(2, [9, 0, 0])];
    expect(trendLineAt(lines, 0, 5)?.series).toBe(0);
    expect(trendLineAt(lines, 0, 7)?.series).toBe(1); // 9 is nearer than 4; of equals, the first
    expect(trendLineAt(lines, 1, 100)?.series).toBe(1);
    expect(trendLineAt(lines, 2, 0)?.series).toBe(0); // null and 0 have no one to list
    expect(trendLineAt([line(0, [0, 0, 0])], 1, 0)).toBeNull();
  });

  it("a Sankey edge: the link it draws, turned around for paths before the event", () => {
    const at = (personId: string, event: string, minute: number, seq: number): AnalysisEvent => ({ personId, event, timestamp: Date.parse('2026-03-02T00:00:00Z') + minute * 60_000, sessionId: null, channel: 'web', properties: {}, seq });
    const events = [at('a', 'view', 1, 1), at('a', 'buy', 2, 2), at('b', 'view', 1, 3), at('b', 'signup', 2, 4), at('b', 'buy', 3, 5)];
    const range = { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' };
    const after = pathsReference({ kind: 'paths', anchor: { event: 'view' }, direction: 'after', steps: 2, ...range }, events);
    expect(pathsLinkAt(after, 'after', { source: '0:view', target: '1:buy' })).toMatchObject({ node: { id: '1:buy', count: 1 }, from: { id: '0:view' } });
    expect(pathsLinkAt(after, 'after', { source: '1:buy', target: '0:view' })).toBeNull();
    // Before "buy", the chart draws 1:view → 0:buy, the result's link 0:buy → 1:view.
    const before = pathsReference({ kind: 'paths', end: { event: 'buy' }, steps: 2, ...range }, events);
    expect(pathsLinkAt(before, 'before', { source: '1:view', target: '0:buy' })).toMatchObject({ node: { id: '1:view' }, from: { id: '0:buy' } });
    expect(pathsLinkAt(before, 'before', { source: '0:buy', target: '1:view' })).toBeNull();
    expect(pathsLinkAt(before, 'before', { source: '2:view', target: '1:signup' })).toMatchObject({ node: { id: '2:view' }, from: { id: '1:signup' } });
  });
});
