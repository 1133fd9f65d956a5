/// <reference path="./vader-sentiment.d.ts" />
import vader from 'vader-sentiment';
import type { Sentiment } from './sentiment-labels.ts';

/** VADER's published decision rule: compound >= 0.05 is positive, <= -0.05 negative. */
const THRESHOLD = 0.05;

export interface LexiconScores {
  readonly compound: number;
  readonly pos: number;
  readonly neu: number;
  readonly neg: number;
}

/** VADER's rule-based scores of a text (its lexicon ships inside the npm package). */
export const lexiconScores = (text: string): LexiconScores => vader.SentimentIntensityAnalyzer.polarity_scores(text);

/**
 * The lexicon baseline: VADER's class by its compound score. It has no probabilities, so the
 * ones returned are VADER's share of negative, neutral and positive words.
 *
 * @example lexiconSentiment('Great crew, thanks!').label // 'positive'
 */
export function lexiconSentiment(text: string): Sentiment {
  const s = lexiconScores(text);
  const label = s.compound >= THRESHOLD ? 'positive' : s.compound <= -THRESHOLD ? 'negative' : 'neutral';
  return { label, score: s.compound, probabilities: { negative: s.neg, neutral: s.neu, positive: s.pos } };
}
