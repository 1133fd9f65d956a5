import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification-metrics.ts';

describe('classificationMetrics', () => {
  it('computes accuracy, macro-F1 and the confusion matrix with rows as the truth', () => {
    const m = classificationMetrics(['negative', 'negative', 'neutral', 'positive'], ['negative', 'neutral', 'neutral', 'negative']);
    expect(m.accuracy).toBe(0.5);
    expect(m.confusion).toEqual([[1, 1, 0], [0, 1, 0], [1, 0, 0]]);
    // F1: negative 2*1/(2+2) = 0.5, neutral 2*1/(1+2) = 2/3, positive 0.
    expect(m.macroF1).toBeCloseTo((0.5 + 2 / 3 + 0) / 3);
  });

  it('scores always guessing the majority low on macro-F1', () => {
    const m = classificationMetrics(['negative', 'negative', 'negative', 'positive'], ['negative', 'negative', 'negative', 'negative']);
    expect(m.accuracy).toBe(0.75);
    expect(m.macroF1).toBeCloseTo(2 * 3 / (3 + 4) / 3);
  });

  it('refuses predictions of another length', () => {
    expect(() => classificationMetrics(['negative'], [])).toThrow();
  });
});
