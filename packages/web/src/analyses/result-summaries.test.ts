import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lifecycleReference, retentionReference, stickinessReference, trendsReference, type AnalysisEvent, type RetentionSpec, type TrendsSpec } from '@waymark/core';
import { changeFromPrevious, cutShortValues, daysActive, quickRatio, repeatShare, retentionCurve } from './result-summaries.ts';

const DAY = 86_400_000;
const MONDAY = Date.parse('2026-03-02T00:00:00Z');
const event = (personId: string, timestamp: number, seq: number, name = 'Visit'): AnalysisEvent => ({ personId, event: name, timestamp, sessionId: null, channel: 'web', properties: {}, seq });
/** Random visits over four weeks from Monday, by up to six persons. */
const visits = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 28 * DAY - 1 })), { maxLength: 60 }).map((xs) => xs.map(([p, t], i) => event(`p${p}`, MONDAY + t, i)));
const FOUR_WEEKS = { from: new Date(MONDAY).toISOString(), to: new Date(MONDAY + 28 * DAY).toISOString() };

describe('what the analyses pages sum up from a result', () => {
  it('counts every person-week once by its days active, and the share back on two days or more', () => {
    fc.assert(
      fc.property(visits, (events) => {
        const result = stickinessReference({ kind: 'stickiness', matcher: { event: 'Visit' }, interval: 'week', ...FOUR_WEEKS }, events);
        const totals = daysActive(result.periods);
        const personWeeks = result.periods.reduce((n, p) => n + p.persons, 0);
        expect(totals.reduce((a, b) => a + b, 0)).toBe(personWeeks);
        expect(totals.length).toBeGreaterThanOrEqual(1);
        expect(totals.length).toBeLessThanOrEqual(7);
        if (personWeeks > 0) expect(totals.at(-1)).toBeGreaterThan(0);
        for (const [w, period] of result.periods.entries()) {
          // Counted here from the events themselves: each person's distinct dates in week w.
          const dates = new Map<string, Set<number>>();
          for (const e of events.filter((x) => Math.floor((x.timestamp - MONDAY) / (7 * DAY)) === w)) dates.set(e.personId, (dates.get(e.personId) ?? new Set()).add(Math.floor(e.timestamp / DAY)));
          const repeat = [...dates.values()].filter((d) => d.size >= 2).length;
          expect(repeatShare(period)).toBe(dates.size === 0 ? null : repeat / dates.size);
        }
      }),
    );
  });

  it('takes the quick ratio of persons gained to persons lost', () => {
    // Week 1: a, b new. Week 2: a returning, b dormant, c new. Week 3: b resurrecting, a and c dormant.
    const events = [event('a', MONDAY, 1), event('b', MONDAY + DAY, 2), event('a', MONDAY + 8 * DAY, 3), event('c', MONDAY + 9 * DAY, 4), event('b', MONDAY + 15 * DAY, 5)];
    const result = lifecycleReference({ kind: 'lifecycle', matcher: { event: 'Visit' }, interval: 'week', from: FOUR_WEEKS.from, to: new Date(MONDAY + 21 * DAY).toISOString() }, events);
    expect(result.periods.map((p) => [p.new, p.returning, p.resurrecting, p.dormant])).toEqual([[2, 0, 0, 0], [1, 1, 0, 1], [0, 0, 1, 2]]);
    expect(quickRatio(result)).toBe((2 + 1 + 1) / 3);
    expect(quickRatio({ ...result, periods: result.periods.slice(0, 1) })).toBeNull();
  });

  it("compares a trend's total with the same length of time before it", () => {
    fc.assert(
      fc.property(visits, (events) => {
        const shifted = events.map((e) => ({ ...e, timestamp: e.timestamp - 7 * DAY }));
        const range = { from: new Date(MONDAY + 7 * DAY).toISOString(), to: new Date(MONDAY + 14 * DAY).toISOString() };
        const result = trendsReference({ kind: 'trends', interval: 'day', ...range, compare: true, series: [{ matcher: { event: 'Visit' }, measure: 'count' }] }, shifted);
        const now = shifted.filter((e) => e.timestamp >= MONDAY + 7 * DAY && e.timestamp < MONDAY + 14 * DAY).length;
        const before = shifted.filter((e) => e.timestamp >= MONDAY && e.timestamp < MONDAY + 7 * DAY).length;
        expect(changeFromPrevious(result.lines[0]!, result.previous!.lines[0])).toBe(before === 0 ? null : (now - before) / before);
      }),
    );
    expect(changeFromPrevious({ series: 0, label: 'x', breakdown: null, values: [], total: 5 }, undefined)).toBeNull();
  });

  it('draws the period before up to the same point only in the day it cuts short, with what that day had by then', () => {
    const range = { from: new Date(MONDAY + 7 * DAY).toISOString(), to: new Date(MONDAY + 14 * DAY).toISOString() };
    fc.assert(
      fc.property(visits, fc.integer({ min: 1, max: 7 * DAY - 1 }), (events, into) => {
        const spec = { kind: 'trends', interval: 'day', ...range, compare: true, asOf: new Date(MONDAY + 7 * DAY + into).toISOString(), series: [{ matcher: { event: 'Visit' }, measure: 'count' }] } satisfies TrendsSpec;
        const result = trendsReference(spec, events);
        const drawn = cutShortValues(result.previous!.soFar, result.lines[0]!)!;
        const day = Math.floor(into / DAY);
        expect(drawn).toHaveLength(day + 1);
        expect(drawn.slice(0, day).every((v) => v === null)).toBe(true);
        expect(drawn[day]).toBe(events.filter((e) => e.timestamp >= MONDAY + day * DAY && e.timestamp < MONDAY + into).length);
      }),
    );
    expect(cutShortValues(undefined, { series: 0, label: 'x', breakdown: null, values: [1], total: 1 })).toBeNull();
  });

  it("draws the retention curve from the cohorts that have lived through each week, as counted from the visits themselves", () => {
    const spec = { kind: 'retention', cohortEvent: { event: 'Visit' }, returnEvent: { event: 'Visit' }, interval: 'week', periods: 3, ...FOUR_WEEKS } satisfies RetentionSpec;
    fc.assert(
      fc.property(visits, fc.integer({ min: 0, max: 35 * DAY }), (events, at) => {
        const now = MONDAY + at;
        const curve = retentionCurve(retentionReference(spec, events), { now, timeZone: 'UTC' });
        // Each person's week of their first visit, and the weeks they visited in.
        const weeks = new Map<string, Set<number>>();
        for (const e of events) weeks.set(e.personId, (weeks.get(e.personId) ?? new Set()).add(Math.floor((e.timestamp - MONDAY) / (7 * DAY))));
        const weeksOver = Math.floor(at / (7 * DAY));
        const expected = [];
        for (let k = 0; k <= 3; k++) {
          const lived = [...weeks.values()].filter((w) => Math.min(...w) + k < weeksOver);
          if (lived.length === 0) break;
          expected.push({ k, returned: lived.filter((w) => w.has(Math.min(...w) + k)).length, size: lived.length, cohorts: new Set(lived.map((w) => Math.min(...w))).size });
        }
        expect(curve).toEqual(expected);
      }),
    );
  });
});
