import { lexiconScores } from './lexicon-sentiment.ts';
import { markNegation, tokenizeText } from './tokenize-text.ts';

/**
 * What the sentiment model sees of a text: sparse named features (each present once) and a
 * few dense numbers. Names: `w:` word (negation-marked), `b:` pair of adjacent words, `c:`
 * three to five letters inside a word (they survive misspellings and inflections), `x:` shape.
 */
export interface SentimentFeatures {
  readonly sparse: readonly string[];
  readonly dense: readonly number[];
}

/** The dense features, in order: VADER's compound, positive and negative shares, and text shape. */
export const DENSE_FEATURES = ['vader_compound', 'vader_pos', 'vader_neg', 'exclamations', 'questions'] as const;

export function sentimentFeatures(text: string): SentimentFeatures {
  const tokens = markNegation(tokenizeText(text));
  const sparse = new Set<string>();
  const words = tokens.filter((t) => !/^[.,;:]$/.test(t));
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    sparse.add(`w:${word}`);
    if (i > 0) sparse.add(`b:${words[i - 1]!.replace(/^not_/, '')} ${word.replace(/^not_/, '')}`);
    if (word.length >= 3 && !word.startsWith('<')) {
      const padded = `^${word}$`;
      for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= padded.length; j++) sparse.add(`c:${padded.slice(j, j + n)}`);
    }
  }
  if (/\b[A-Z]{3,}\b/.test(text.replace(/@\w+/g, ''))) sparse.add('x:shouting');
  const s = lexiconScores(text);
  const count = (mark: string) => Math.min(3, tokens.filter((t) => t === mark).length) / 3;
  return { sparse: [...sparse], dense: [s.compound, s.pos, s.neg, count('!'), count('?')] };
}
