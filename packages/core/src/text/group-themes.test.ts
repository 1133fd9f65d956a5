import { describe, expect, it } from 'vitest';
import { extractKeyPhrases } from './extract-key-phrases.ts';
import { groupPhrases } from './group-themes.ts';

const group = (texts: readonly string[], options?: Parameters<typeof groupPhrases>[1]) =>
  groupPhrases(texts.map(extractKeyPhrases), options).map((g) => ({ key: g.key, texts: [...g.texts].sort(), phrases: Object.fromEntries(g.phrases) }));

describe('groupPhrases', () => {
  it('groups phrases by their head word, synonyms and inflections included', () => {
    const groups = group(['Lost luggage again', 'My bags never arrived', 'Delayed two hours', 'Another delay today', 'lost bag at the gate']);
    expect(groups.find((g) => g.key === 'bag')).toEqual({ key: 'bag', texts: [0, 1, 4], phrases: { 'lost luggage': 1, bags: 1, 'lost bag': 1 } });
    expect(groups.find((g) => g.key === 'delay')?.texts).toEqual([2, 3]);
  });

  it('takes the head behind a background word: "late flight" is about delay when every text says flight', () => {
    const texts = ['late flight', 'flight delayed', 'delay', 'flight cancelled', 'cancelled flight', 'flight crew was kind', 'flight', 'flight attendant'];
    const groups = group(texts, { backgroundShare: 0.5, backgroundMinTexts: 4, mergeOverlap: 0.6, mergeMinTexts: 3 });
    expect(groups.map((g) => g.key)).not.toContain('flight');
    expect(groups.find((g) => g.key === 'delay')?.texts).toEqual([0, 1, 2]);
    expect(groups.find((g) => g.key === 'cancel')?.texts).toEqual([3, 4]);
  });

  it('folds a group into the one whose word most of its phrases hold', () => {
    // "refund request" heads under "request", yet every such phrase is about refunds.
    const groups = group(['refund request ignored', 'refund request pending', 'no refund yet', 'refund please', 'refund', 'where is my refund']);
    expect(groups.map((g) => g.key)).toContain('refund');
    expect(groups.find((g) => g.key === 'refund')?.phrases['refund request ignored']).toBe(1);
  });

  it('folds a group that mostly co-occurs with a larger one, and keeps independent ones', () => {
    const texts = ['on hold. call dropped', 'call dropped, on hold', 'call center closed', 'call me', 'hold and call', 'broken seat', 'seat, on hold'];
    const groups = group(texts);
    expect(groups.find((g) => g.key === 'call')?.texts).toEqual([0, 1, 2, 3, 4, 6]);
    expect(groups.map((g) => g.key)).not.toContain('hold');
    // A single text in common is no reason to fold: "seat" keeps its own group.
    expect(groups.find((g) => g.key === 'seat')?.texts).toEqual([5, 6]);
  });

  it('orders groups largest first, ties by key, and is deterministic', () => {
    const texts = ['zebra', 'apple', 'mango', 'mango juice'];
    expect(group(texts).map((g) => g.key)).toEqual(['mango', 'apple', 'zebra']);
    expect(group(texts)).toEqual(group(texts));
  });
});
