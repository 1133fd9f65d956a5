import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../analysis-event.ts';
import { trendsReference } from './trends.reference.ts';
import { breakdownValuesLeftOut, DEFAULT_BREAKDOWN_LIMIT } from '../breakdown-limit.ts';
import type { TrendsSpec } from './trends.spec.ts';

const DAY = 86_400_000;
const FROM = Date.parse('2026-05-01T00:00:00Z');
const event = (i: number, name: string, page: string | undefined, at = FROM + (i % 3) * DAY): AnalysisEvent => ({
  personId: `p${i % 4}`,
  event: name,
  timestamp: at,
  sessionId: null,
  channel: 'web',
  properties: page === undefined ? {} : { page },
  seq: i,
});
const trend = (limit: number | undefined, extra: Partial<TrendsSpec> = {}): TrendsSpec => ({
  kind: 'trends',
  series: [{ matcher: { event: 'view' }, measure: 'count' }, { matcher: { event: 'buy' }, measure: 'persons' }],
  interval: 'day',
  from: '2026-05-01T00:00:00Z',
  to: '2026-05-04T00:00:00Z',
  breakdown: { property: 'page', ...(limit !== undefined && { limit }) },
  ...extra,
});
const valuesOf = (lines: readonly { breakdown: string | null }[]) => [...new Set(lines.map((l) => l.breakdown))];

describe('a trend broken down by a property with many values', () => {
  it(`shows the ${DEFAULT_BREAKDOWN_LIMIT} values with the most events, and says how many there are`, () => {
    // 40 pages: page k is viewed k + 1 times, so the last 25 have the most events.
    const events = Array.from({ length: 40 }, (_, k) => Array.from({ length: k + 1 }, (_, j) => event(k * 100 + j, 'view', `/p${String(k).padStart(2, '0')}`))).flat();
    const result = trendsReference(trend(undefined), events);
    expect(result.breakdownValues).toBe(40);
    expect(breakdownValuesLeftOut(result)).toBe(15);
    expect(valuesOf(result.lines)).toEqual(Array.from({ length: 25 }, (_, k) => `/p${39 - k}`));
    expect(result.lines.find((l) => l.breakdown === '/p39')!.total).toBe(40);
  });

  it('counts the events of every series, puts ties in value order, lets the missing value compete, and keeps the same values before', () => {
    const events = [
      ...['/b', '/b', '/a', '/a', '/c'].map((page, i) => event(i, 'view', page)),
      event(10, 'buy', '/c'),
      event(11, 'buy', undefined),
      event(12, 'buy', undefined),
      event(13, 'buy', undefined),
      // The period before: the values shown, as far as they occur there.
      event(20, 'view', '/z', FROM - DAY),
      event(21, 'view', '/a', FROM - DAY),
    ];
    const result = trendsReference(trend(3, { compare: true }), events);
    // Four values now, and /z only before.
    expect([result.breakdownValues, breakdownValuesLeftOut(result)]).toEqual([5, 2]);
    // null 3 events, /a 2, /b 2, /c 2: /a wins the tie by its event before, /c loses it to /b by value.
    expect(valuesOf(result.lines)).toEqual(['/a', '/b', null]);
    expect(result.lines.map((l) => l.breakdown)).toEqual(['/a', '/b', null]);
    expect(valuesOf(result.previous!.lines)).toEqual(['/a']);
    // Room for all: a value gone since keeps its line in the period before, after those there now.
    const all = trendsReference(trend(25, { compare: true }), events);
    expect([valuesOf(all.lines), valuesOf(all.previous!.lines), breakdownValuesLeftOut(all)]).toEqual([['/a', '/b', '/c', null], ['/a', '/z'], 0]);
    // A series has lines for the values it has: views have no missing page.
    expect(trendsReference(trend(1), events).lines.map((l) => [l.series, l.breakdown, l.total])).toEqual([[1, null, 3]]);
  });

  it('is the unlimited result cut to the top values, on random logs', () => {
    const log = fc.array(fc.record({ i: fc.nat(50), name: fc.constantFrom('view', 'buy'), page: fc.option(fc.constantFrom('/a', '/b', '/c', '/d', '/e'), { nil: undefined }) }), { maxLength: 40 });
    fc.assert(
      fc.property(log, fc.integer({ min: 1, max: 6 }), (rows, limit) => {
        const events = rows.map((r, seq) => ({ ...event(r.i, r.name, r.page), seq }));
        const all = trendsReference(trend(1_000), events);
        const cut = trendsReference(trend(limit), events);
        // Counted here from the events: each series counts the events it matches.
        const counts = new Map<string | null, number>();
        for (const e of events) counts.set((e.properties['page'] as string | undefined) ?? null, (counts.get((e.properties['page'] as string | undefined) ?? null) ?? 0) + 1);
        const order = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
        const shown = new Set(order.slice(0, limit));
        expect(cut.breakdownValues).toBe(counts.size);
        expect(breakdownValuesLeftOut(cut)).toBe(Math.max(0, counts.size - limit));
        expect(cut.lines).toEqual(all.lines.filter((l) => shown.has(l.breakdown)));
        // Per series, most events first.
        for (const series of [0, 1]) expect(cut.lines.filter((l) => l.series === series).map((l) => l.breakdown)).toEqual(order.filter((v) => cut.lines.some((l) => l.series === series && l.breakdown === v)));
      }),
    );
  });
});
