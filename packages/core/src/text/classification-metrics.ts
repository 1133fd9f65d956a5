import { SENTIMENT_LABELS, type SentimentLabel } from './sentiment-labels.ts';

export interface ClassificationMetrics {
  readonly n: number;
  readonly accuracy: number;
  /** The unweighted mean of the per-class F1 scores: a model that ignores a rare class scores low. */
  readonly macroF1: number;
  /** Rows are true labels, columns predicted, both in SENTIMENT_LABELS order. */
  readonly confusion: readonly (readonly number[])[];
}

/** Accuracy, macro-F1 and confusion matrix of predictions against true labels. */
export function classificationMetrics(truth: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): ClassificationMetrics {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const confusion = SENTIMENT_LABELS.map(() => SENTIMENT_LABELS.map(() => 0));
  truth.forEach((t, i) => confusion[SENTIMENT_LABELS.indexOf(t)]![SENTIMENT_LABELS.indexOf(predicted[i]!)]!++);
  const correct = confusion.reduce((sum, row, k) => sum + row[k]!, 0);
  const f1s = confusion.map((row, k) => {
    const tp = row[k]!;
    const actual = row.reduce((a, b) => a + b, 0);
    const guessed = confusion.reduce((sum, r) => sum + r[k]!, 0);
    return tp === 0 ? 0 : (2 * tp) / (actual + guessed);
  });
  return { n: truth.length, accuracy: truth.length === 0 ? 0 : correct / truth.length, macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length, confusion };
}
