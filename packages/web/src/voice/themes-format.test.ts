import { describe, expect, it } from 'vitest';
import type { Theme } from '../api/insight-types.ts';
import { changeText, matchTheme, moodOf } from './themes-format.ts';

const theme: Theme = {
  key: 'promo',
  label: 'promo code',
  count: 12,
  share: 0.3,
  phrases: [{ text: 'promo code', count: 9 }, { text: 'discount code', count: 3 }],
  sentiment: { mean: -0.4, negative: 10, neutral: 2, positive: 0 },
  trend: [],
  change: null,
  examples: [{ id: 'e1', text: 'The code SAVE10 never works', timestamp: '2026-03-01T00:00:00.000Z', sentiment: { label: 'negative', score: -0.7, probabilities: { negative: 0.8, neutral: 0.1, positive: 0.1 } } }],
};

describe('themes as people read them', () => {
  it('labels the mood at the same cut as the survey answers', () => {
    expect([-0.4, -0.05, -0.049, 0, 0.049, 0.05, 0.9].map(moodOf)).toEqual(['negative', 'negative', 'neutral', 'neutral', 'neutral', 'positive', 'positive']);
  });

  it('says how the last period changed, or nothing without a previous one', () => {
    expect(changeText(null, 'day')).toBeNull();
    expect(changeText({ period: '2026-03-02', count: 7, previous: 3, delta: 4, ratio: 2.33 }, 'day')).toBe('+4 on the day before');
    expect(changeText({ period: '2026-W10', count: 1, previous: 3, delta: -2, ratio: 0.33 }, 'week')).toBe('−2 on the week before');
    expect(changeText({ period: '2026-03', count: 3, previous: 3, delta: 0, ratio: 1 }, 'month')).toBe('as many as the month before');
  });

  it('finds a theme by its label, a phrase or an example, whatever the case', () => {
    expect(matchTheme(theme, '')).toBe(true);
    expect(matchTheme(theme, 'DISCOUNT')).toBe(true);
    expect(matchTheme(theme, 'save10')).toBe(true);
    expect(matchTheme(theme, 'delivery')).toBe(false);
  });
});
