import { describe, expect, it } from 'vitest';
import { funnelReference, lifecycleReference, pathsReference, retentionReference, trendsReference, type AnalysisEvent } from '@waymark/core';
import { formatResult } from './format-result.ts';

const t0 = Date.parse('2026-03-02T10:00:00Z');
const e = (seq: number, personId: string, event: string, minutes: number): AnalysisEvent => ({ personId, event, timestamp: t0 + minutes * 60_000, sessionId: null, channel: 'web', properties: {}, seq });
const events = [e(1, 'a', 'view', 0), e(2, 'a', 'buy', 30), e(3, 'b', 'view', 0), e(4, 'b', 'view', 8 * 24 * 60)];
const range = { from: '2026-03-02T00:00:00Z', to: '2026-03-16T00:00:00Z', timeZone: 'UTC' };

describe('waymark query tables', () => {
  it('show a funnel as steps with persons, conversion and drop-off', () => {
    const result = funnelReference({ kind: 'funnel', steps: [{ event: 'view' }, { event: 'buy' }], window: { value: 1, unit: 'day' }, order: 'ordered', ...range }, events);
    const lines = formatResult('funnel', result).split('\n');
    expect(lines[0]).toMatch(/^step\s+persons\s+from previous\s+from start\s+dropped$/);
    expect(lines[1]).toMatch(/^view\s+2\s+100\.0%\s+100\.0%\s+0$/);
    expect(lines[2]).toMatch(/^buy\s+1\s+50\.0%\s+50\.0%\s+1$/);
    expect(lines[3]).toBe('time to convert: median 30.0 min, p90 30.0 min');
    // Split by person, one group shown: the note says how many are left out.
    const split = funnelReference({ kind: 'funnel', steps: [{ event: 'view' }, { event: 'buy' }], window: { value: 1, unit: 'day' }, order: 'ordered', ...range, breakdown: { property: 'who', limit: 1 } }, events.map((x) => ({ ...x, properties: { who: x.personId } })));
    expect(formatResult('funnel', split).split('\n').at(-1)).toBe('breakdown values left out: 1 (breakdown.limit shows more)');
    expect(formatResult('funnel', { ...split, persons: ['a'] })).toBe('person\na');
  });

  it('show retention as cohorts by period, and trends as periods by line', () => {
    const retention = retentionReference({ kind: 'retention', cohortEvent: { event: 'view' }, returnEvent: { event: 'view' }, interval: 'week', periods: 1, ...range }, events);
    expect(formatResult('retention', retention).split('\n')[1]).toMatch(/^2026-03-02\s+2\s+100\.0%\s+50\.0%$/);
    // Read on the cohort's Tuesday, its next week has not begun.
    const tuesday = { now: Date.parse('2026-03-03T09:00:00Z'), timeZone: 'UTC' };
    expect(formatResult('retention', retention, tuesday).split('\n')).toEqual(['cohort      persons  week 0  week 1', '2026-03-02        2  100.0%       -', '2026-03-09        0       -       -', '-: not begun yet']);
    const trends = trendsReference({ kind: 'trends', series: [{ matcher: { event: 'view' }, measure: 'count' }], interval: 'week', ...range }, events);
    expect(formatResult('trends', trends).split('\n')).toEqual(['period      count(view)', '2026-03-02            2', '2026-03-09            1', 'total                 3']);
    // Split by person with one line shown: b has the most views; a is left out, and the table says so.
    const split = trendsReference({ kind: 'trends', series: [{ matcher: { event: 'view' }, measure: 'count' }], interval: 'week', ...range, breakdown: { property: '$person', limit: 1 } }, events.map((x) => ({ ...x, properties: { $person: x.personId } })));
    expect(formatResult('trends', split).split('\n')).toEqual(['period      count(view) [b]', '2026-03-02                1', '2026-03-09                1', 'total                     2', 'breakdown values left out: 1 (breakdown.limit shows more)']);
  });

  it('show lifecycle and paths as tables too, not JSON', () => {
    const lifecycle = lifecycleReference({ kind: 'lifecycle', matcher: { event: 'view' }, interval: 'week', ...range }, events);
    expect(formatResult('lifecycle', lifecycle).split('\n')).toEqual(['period      new  returning  resurrecting  dormant', '2026-03-02    2          0             0        0', '2026-03-09    0          1             0        1']);
    const paths = pathsReference({ kind: 'paths', anchor: { event: 'view' }, steps: 1, ...range }, events);
    expect(formatResult('paths', paths).split('\n')).toEqual(['step  from    to  paths', '1     view   buy      1', '1     view  view      1']);
  });
});
