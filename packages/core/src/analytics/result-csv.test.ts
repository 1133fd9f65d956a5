import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from './analysis-event.ts';
import { funnelReference } from './funnel/funnel.reference.ts';
import { tableCsv } from './result-csv.ts';
import { resultTable } from './result-table.ts';

describe('a result as CSV', () => {
  it('writes a header and a line per row, numbers as they are and missing cells empty', () => {
    const csv = tableCsv({ columns: [{ name: 'period', kind: 'text' }, { name: 'persons', kind: 'count' }, { name: 'week 1', kind: 'rate' }], rows: [['2026-03-02', 3, 0.25], ['2026-03-09', 0, null]] });
    expect(csv).toBe('period,persons,week 1\r\n2026-03-02,3,0.25\r\n2026-03-09,0,\r\n');
  });

  it('quotes commas, quotes and line breaks, and keeps text that looks like a formula as text', () => {
    const csv = tableCsv({ columns: [{ name: 'from', kind: 'text' }], rows: [['$page /a,b'], ['say "hi"'], ['two\nlines'], ['=HYPERLINK("x")'], ['-1'], ['@sum']] });
    expect(csv.split('\r\n').slice(1, -1)).toEqual(['"$page /a,b"', '"say ""hi"""', '"two\nlines"', `"'=HYPERLINK(""x"")"`, "'-1", "'@sum"]);
  });

  it("writes a funnel's steps with their persons and rates", () => {
    const e = (seq: number, personId: string, event: string): AnalysisEvent => ({ personId, event, timestamp: Date.parse('2026-03-02T10:00:00Z') + seq * 60_000, sessionId: null, channel: 'web', properties: {}, seq });
    const result = funnelReference(
      { kind: 'funnel', steps: [{ event: 'view' }, { event: 'buy' }], window: { value: 1, unit: 'day' }, order: 'ordered', from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z' },
      [e(1, 'a', 'view'), e(2, 'a', 'buy'), e(3, 'b', 'view'), e(4, 'c', 'view')],
    );
    expect(tableCsv(resultTable('funnel', result)!)).toBe(`step,persons,from previous,from start,dropped\r\nview,3,1,1,0\r\nbuy,1,${1 / 3},${1 / 3},2\r\n`);
  });
});
