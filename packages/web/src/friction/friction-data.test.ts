import { describe, expect, it } from 'vitest';
import type { FrictionResult } from '../api/insight-types.ts';
import { formatScore, frictionLevel, indexFriction, kindCount, kindLines, stageKindCounts } from './friction-data.ts';

const result: FrictionResult = {
  journey: { id: 'shop', version: 1 },
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-08T00:00:00.000Z',
  stages: [
    {
      stageId: 'buy',
      name: 'Buy',
      visits: 120,
      score: 0.6,
      touchpoints: [
        {
          touchpointId: 'coupon',
          name: 'Promo code',
          visits: 100,
          score: 0.7,
          signals: { dead_click: { count: 40, persons: 20, sessions: 25, rate: 0.25 }, rage_click: { count: 10, persons: 9, sessions: 9, rate: 0.09 }, u_turn: { count: 0, persons: 0, sessions: 0, rate: 0 } },
        },
        { touchpointId: 'pay', name: 'Payment', visits: 20, score: 0.1, signals: { dead_click: { count: 2, persons: 2, sessions: 2, rate: 0.1 } } },
      ],
    },
  ],
};

describe('friction on the map', () => {
  it('levels a score, with no friction only at zero', () => {
    expect([0, 0.001, 0.24, 0.25, 0.99, 1, 7].map(frictionLevel)).toEqual(['none', 'low', 'low', 'medium', 'medium', 'high', 'high']);
    expect(frictionLevel(Number.NaN)).toBe('none');
    expect([0, 0.004, 0.4149].map(formatScore)).toEqual(['0', '<0.01', '0.41']);
    expect([kindCount('slow_page', 1), kindCount('u_turn', 2), kindCount('dead_click', 12_500)]).toEqual(['1 slow page', '2 U-turns', '12.5K dead clicks']);
  });

  it('finds each touchpoint and stage by id', () => {
    const index = indexFriction(result);
    expect(index.touchpoints.get('pay')?.score).toBe(0.1);
    expect(index.stages.get('buy')?.visits).toBe(120);
    expect(index.touchpoints.get('nowhere')).toBeUndefined();
  });

  it('puts the signal that weighs most in the score first, not the most frequent, and leaves out kinds not seen', () => {
    const lines = kindLines(result.stages[0]!.touchpoints[0]!.signals);
    // Rage clicks block (severity 3): 3 × 0.09 = 0.27 outweighs 1 × 0.25 of dead clicks.
    expect(lines.map((l) => [l.kind, l.count])).toEqual([['rage_click', 10], ['dead_click', 40]]);
    expect(lines[0]!.weight).toBeCloseTo(0.27);
  });

  it("adds up a stage's signal counts over its touchpoints", () => {
    expect(stageKindCounts(result.stages[0]!)).toEqual([
      { kind: 'dead_click', label: 'dead clicks', count: 42 },
      { kind: 'rage_click', label: 'rage clicks', count: 10 },
    ]);
  });
});
