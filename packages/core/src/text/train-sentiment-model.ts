import { seededShuffle } from './seeded-shuffle.ts';
import { SENTIMENT_LABELS, type SentimentLabel } from './sentiment-labels.ts';
import { DENSE_FEATURES, sentimentFeatures, type SentimentFeatures } from './sentiment-features.ts';
import { softmax, type SentimentModelData } from './sentiment-model.ts';

export interface LabelledText {
  readonly text: string;
  readonly label: SentimentLabel;
}

export interface TrainingOptions {
  readonly seed: number;
  readonly epochs: number;
  /** Features seen in fewer training texts are dropped before training. */
  readonly minCount: number;
  /** How many features the shipped model keeps: those with the largest weights after a first fit. */
  readonly maxFeatures: number;
  readonly learningRate: number;
  /** L2 penalty per update, scaled by the learning rate. */
  readonly l2: number;
}

/** Chosen by validation inside the training split (never on the held-out tweets): docs/text-analytics.md. */
export const DEFAULT_TRAINING: TrainingOptions = { seed: 42, epochs: 30, minCount: 3, maxFeatures: 8000, learningRate: 0.05, l2: 1e-5 };

interface Example {
  readonly ids: readonly number[];
  readonly dense: readonly number[];
  readonly label: number;
}

/**
 * Fits the model by seeded stochastic gradient descent with AdaGrad steps (same texts, same
 * options: same weights, bit for bit), then keeps the `maxFeatures` strongest features and
 * fits again on those alone, which keeps the shipped file small at little cost in accuracy.
 */
export function trainSentimentModel(texts: readonly LabelledText[], options: TrainingOptions = DEFAULT_TRAINING): SentimentModelData {
  const featurized = texts.map((t) => ({ features: sentimentFeatures(t.text), label: SENTIMENT_LABELS.indexOf(t.label) }));
  const counts = new Map<string, number>();
  for (const { features } of featurized) for (const f of features.sparse) counts.set(f, (counts.get(f) ?? 0) + 1);
  let vocabulary = [...counts].filter(([, n]) => n >= options.minCount).map(([f]) => f).sort();
  let weights = fit(featurized, vocabulary, options);
  if (vocabulary.length > options.maxFeatures) {
    const strength = vocabulary.map((f, i) => ({ f, s: Math.hypot(weights[0]![i]!, weights[1]![i]!, weights[2]![i]!) }));
    vocabulary = strength.sort((a, b) => b.s - a.s || (a.f < b.f ? -1 : 1)).slice(0, options.maxFeatures).map((x) => x.f).sort();
    weights = fit(featurized, vocabulary, options);
  }
  return {
    kind: 'logistic-regression',
    version: 1,
    labels: [...SENTIMENT_LABELS],
    dense: [...DENSE_FEATURES],
    features: vocabulary,
    weights: weights.map((w) => w.map((x) => Math.round(x * 1000) / 1000)),
    training: { texts: texts.length, ...options },
  };
}

function fit(featurized: readonly { features: SentimentFeatures; label: number }[], vocabulary: readonly string[], options: TrainingOptions): number[][] {
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const examples: Example[] = featurized.map(({ features, label }) => ({
    ids: features.sparse.map((f) => index.get(f)).filter((i): i is number => i !== undefined),
    dense: features.dense,
    label,
  }));
  const size = vocabulary.length + DENSE_FEATURES.length + 1;
  const bias = size - 1;
  const weights = [0, 1, 2].map(() => new Float64Array(size));
  const squares = [0, 1, 2].map(() => new Float64Array(size).fill(1e-8));
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const e of seededShuffle(examples, options.seed, epoch)) {
      const logits = weights.map((w) => {
        let z = w[bias]!;
        for (const id of e.ids) z += w[id]!;
        for (let j = 0; j < e.dense.length; j++) z += w[vocabulary.length + j]! * e.dense[j]!;
        return z;
      });
      const p = softmax(logits);
      for (let k = 0; k < 3; k++) {
        const g = p[k]! - (k === e.label ? 1 : 0);
        const w = weights[k]!, s = squares[k]!;
        const step = (at: number, grad: number) => {
          const full = grad + options.l2 * w[at]!;
          s[at]! += full * full;
          w[at]! -= (options.learningRate * full) / Math.sqrt(s[at]!);
        };
        for (const id of e.ids) step(id, g);
        for (let j = 0; j < e.dense.length; j++) step(vocabulary.length + j, g * e.dense[j]!);
        step(bias, g);
      }
    }
  }
  return weights.map((w) => [...w]);
}
