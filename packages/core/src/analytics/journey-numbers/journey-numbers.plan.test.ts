import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../journey/journey-map.schema.ts';
import { SHOP_JOURNEY } from '../../journey/templates/shop.ts';
import { journeyNumbersPlan } from './journey-numbers.plan.ts';

const RANGE = { from: Date.UTC(2026, 0, 8), to: Date.UTC(2026, 0, 15), interval: 'day', timeZone: 'UTC' } as const;

describe('journeyNumbersPlan', () => {
  it('flattens touchpoints in map order, each pointing at the next; the previous period is as long as the range', () => {
    const plan = journeyNumbersPlan(SHOP_JOURNEY, RANGE);
    expect(plan.touchpoints.map((t) => t.id).slice(0, 4)).toEqual(['ad_landing', 'search', 'collections', 'product_page']);
    expect(plan.touchpoints.map((t) => t.next)).toEqual([...plan.touchpoints.keys()].map((i) => (i + 1 < plan.touchpoints.length ? i + 1 : null)));
    expect(plan.stages.map((s) => s.parts)).toEqual([[0, 1, 2], [3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [13, 14, 15, 16], [17, 18, 19, 20, 21]]);
    expect(plan.previousFrom).toBe(Date.UTC(2026, 0, 1));
    expect(plan.previousTo).toBe(RANGE.from);
  });

  it('ends the period before as far into it as the range is read, while the range is not over', () => {
    const noonOfThe10th = Date.UTC(2026, 0, 10, 12);
    expect(journeyNumbersPlan(SHOP_JOURNEY, { ...RANGE, asOf: noonOfThe10th }).previousTo).toBe(Date.UTC(2026, 0, 3, 12));
    for (const asOf of [RANGE.to, RANGE.from, Date.UTC(2027, 0, 1)]) expect(journeyNumbersPlan(SHOP_JOURNEY, { ...RANGE, asOf }).previousTo).toBe(RANGE.from);
  });

  it('skips stages without touchpoints when it finds the next stage', () => {
    const map: JourneyMap = { ...SHOP_JOURNEY, stages: [SHOP_JOURNEY.stages[0]!, { id: 'empty', name: 'Empty', description: '', touchpoints: [] }, SHOP_JOURNEY.stages[1]!] };
    expect(journeyNumbersPlan(map, RANGE).stages.map((s) => s.next)).toEqual([2, 2, null]);
  });

  it('reads revenue only of the events a revenue KPI or the goal needs', () => {
    expect(journeyNumbersPlan(SHOP_JOURNEY, RANGE).revenueEvents).toEqual(['Order Completed']);
    const goal = { ...SHOP_JOURNEY.goal, metric: 'revenue' as const, matcher: { event: 'Payment Captured' } };
    expect(journeyNumbersPlan({ ...SHOP_JOURNEY, goal }, RANGE).revenueEvents).toEqual(['Order Completed', 'Payment Captured']);
  });
});
