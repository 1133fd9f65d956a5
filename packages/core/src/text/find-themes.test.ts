import { describe, expect, it } from 'vitest';
import { findThemes, type CustomerText } from './find-themes.ts';
import type { Sentiment } from './sentiment-labels.ts';
import { themeTrend } from './theme-trend.ts';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2026, 0, 5);
/** A fixed scorer, so the test is about themes and not the model: "never" or "lost" is negative. */
const sentiment = (text: string): Sentiment =>
  /never|lost|again/i.test(text)
    ? { label: 'negative', score: -0.8, probabilities: { negative: 0.9, neutral: 0.1, positive: 0 } }
    : { label: 'positive', score: 0.6, probabilities: { negative: 0, neutral: 0.2, positive: 0.8 } };

const texts: CustomerText[] = [
  { id: 't1', text: 'Lost luggage again', timestamp: MONDAY, touchpoints: ['baggage-claim'] },
  { id: 't2', text: 'My bags never arrived', timestamp: MONDAY + DAY, touchpoints: ['baggage-claim'] },
  { id: 't3', text: 'Lost bag, lost luggage, lost baggage: three trips and still no bag', timestamp: MONDAY + 7 * DAY, touchpoints: ['baggage-claim'] },
  { id: 't4', text: 'lost luggage again', timestamp: MONDAY + 8 * DAY, touchpoints: ['baggage-claim'] },
  { id: 't5', text: 'Refund arrived quickly', timestamp: MONDAY + 8 * DAY, touchpoints: ['support'] },
  { id: 't6', text: 'refund received, thank you', timestamp: MONDAY + 9 * DAY, touchpoints: ['support'] },
  { id: 't7', text: 'Where is my refund?', timestamp: MONDAY + 9 * DAY },
];

describe('findThemes', () => {
  const result = findThemes(texts, { sentiment, interval: 'week' });

  it('counts the texts of each theme, largest first, named by the phrase customers wrote most', () => {
    expect(result.texts).toBe(7);
    expect(result.themes.map((t) => [t.key, t.label, t.count])).toEqual([
      ['bag', 'lost luggage', 4],
      ['refund', 'refund', 3],
    ]);
    expect(result.themes[0]!.share).toBeCloseTo(4 / 7);
    expect(result.themes[0]!.phrases[0]).toEqual({ text: 'lost luggage', count: 2 });
  });

  it('gives the sentiment of each theme', () => {
    expect(result.themes[0]!.sentiment).toEqual({ mean: -0.8, negative: 4, neutral: 0, positive: 0 });
    expect(result.themes[1]!.sentiment).toEqual({ mean: 0.6, negative: 0, neutral: 0, positive: 3 });
  });

  it('gives the count per period and the change of the last period from the one before', () => {
    expect(result.periods).toEqual(['2026-01-05', '2026-01-12']);
    expect(result.themes[0]!.trend).toEqual([{ period: '2026-01-05', count: 2 }, { period: '2026-01-12', count: 2 }]);
    expect(result.themes[1]!.change).toEqual({ period: '2026-01-12', count: 3, previous: 0, delta: 3, ratio: null });
  });

  it('shows the most representative texts first, a repeated text once', () => {
    const examples = result.themes[0]!.examples;
    expect(examples.map((e) => e.id)).toEqual(['t3', 't1', 't2']);
    expect(examples[0]!.sentiment.label).toBe('negative');
    expect(findThemes(texts, { sentiment, examples: 1 }).themes[0]!.examples).toHaveLength(1);
  });

  it('keeps only the texts of a touchpoint when asked', () => {
    const support = findThemes(texts, { sentiment, touchpoint: 'support' });
    expect(support.texts).toBe(2);
    expect(support.themes.map((t) => [t.key, t.count])).toEqual([['refund', 2]]);
  });

  it('drops themes below the minimum count and stops at the limit', () => {
    expect(findThemes(texts, { sentiment, minCount: 4 }).themes.map((t) => t.key)).toEqual(['bag']);
    expect(findThemes(texts, { sentiment, limit: 1 }).themes).toHaveLength(1);
    expect(findThemes([], { sentiment }).themes).toEqual([]);
  });
});

describe('themeTrend', () => {
  it('compares the last period with the one before', () => {
    expect(themeTrend(['a', 'b', 'c'], ['a', 'c', 'c', 'b', 'b', 'b', 'b'])).toEqual({
      trend: [{ period: 'a', count: 1 }, { period: 'b', count: 4 }, { period: 'c', count: 2 }],
      change: { period: 'c', count: 2, previous: 4, delta: -2, ratio: -0.5 },
    });
    expect(themeTrend(['a'], ['a']).change).toBeNull();
  });
});
