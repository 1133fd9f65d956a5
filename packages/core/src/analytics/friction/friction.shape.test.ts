import { describe, expect, it } from 'vitest';
import { SHOP_JOURNEY } from '../../journey/templates/shop.ts';
import { frictionPlan } from './friction.plan.ts';
import { shapeFriction } from './friction.shape.ts';

describe('shapeFriction', () => {
  const plan = frictionPlan(
    {
      ...SHOP_JOURNEY,
      stages: [
        {
          id: 'buy',
          name: 'Buy',
          description: '',
          touchpoints: [
            { id: 'a', stageId: 'buy', name: 'A', channel: 'web', matchers: [{ event: 'a' }], kpis: [], momentOfTruth: false },
            { id: 'b', stageId: 'buy', name: 'B', channel: 'web', matchers: [{ event: 'b' }], kpis: [], momentOfTruth: false },
          ],
        },
        { id: 'empty', name: 'Empty', description: '', touchpoints: [] },
      ],
    },
    Date.UTC(2025, 0, 1),
    Date.UTC(2025, 0, 8),
  );

  it('rates per visit, scores by severity, and weights stages by visits', () => {
    const result = shapeFriction(plan, {
      touchpoints: [
        { visits: 100, kinds: { rage_click: { count: 30, persons: 9, sessions: 10 }, dead_click: { count: 50, persons: 20, sessions: 40 } } },
        { visits: 300, kinds: {} },
      ],
    });
    const [a, b] = result.stages[0]!.touchpoints;
    expect(a!.signals.rage_click).toEqual({ count: 30, persons: 9, sessions: 10, rate: 0.1 });
    // 3 x 0.1 (rage) + 1 x 0.4 (dead)
    expect(a!.score).toBeCloseTo(0.7, 9);
    expect(b!.score).toBe(0);
    expect(result.stages[0]!.visits).toBe(400);
    expect(result.stages[0]!.score).toBeCloseTo((100 * 0.7) / 400, 6);
    expect(result.stages[1]).toEqual({ stageId: 'empty', name: 'Empty', visits: 0, score: 0, touchpoints: [] });
    expect([result.from, result.to]).toEqual(['2025-01-01T00:00:00.000Z', '2025-01-08T00:00:00.000Z']);
  });

  it('gives no rate without visits', () => {
    const result = shapeFriction(plan, { touchpoints: [{ visits: 0, kinds: { slow_page: { count: 1, persons: 1, sessions: 1 } } }, { visits: 0, kinds: {} }] });
    expect(result.stages[0]!.touchpoints[0]!.signals.slow_page!.rate).toBeNull();
    expect(result.stages[0]!.score).toBe(0);
  });
});
