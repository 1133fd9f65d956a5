/** The three sentiment classes, in the order of every probability vector and confusion matrix row. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
export const isSentimentLabel = (value: unknown): value is SentimentLabel => (SENTIMENT_LABELS as readonly unknown[]).includes(value);

/** The sentiment of one text. */
export interface Sentiment {
  readonly label: SentimentLabel;
  /** From -1 (surely negative) to 1 (surely positive): P(positive) - P(negative) for the trained model. */
  readonly score: number;
  /** Probability of each class, summing to 1. */
  readonly probabilities: { readonly negative: number; readonly neutral: number; readonly positive: number };
}
