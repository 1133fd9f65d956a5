import { predictSentiment } from '@waymark/core';

/**
 * The seam between survey answers and text analysis: the sentiment (from -1 to 1) an open
 * answer is stored with, by the shipped sentiment model. Every answer event, score and
 * text alert reads the number this returns; labels come from it by the ±0.05 cut
 * (`sentimentLabelOf`), the same everywhere.
 */
export function answerSentiment(text: string): number | null {
  const score = predictSentiment(text).score;
  return Number.isFinite(score) ? Math.round(score * 10_000) / 10_000 : null;
}
