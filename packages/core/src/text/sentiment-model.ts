import { SENTIMENT_LABELS, type Sentiment } from './sentiment-labels.ts';
import { DENSE_FEATURES, sentimentFeatures } from './sentiment-features.ts';

/**
 * A multinomial logistic regression over sentimentFeatures, as stored in JSON: one weight
 * per class for each kept feature, then the dense features' weights, then the biases.
 */
export interface SentimentModelData {
  readonly kind: 'logistic-regression';
  readonly version: number;
  readonly labels: readonly string[];
  readonly dense: readonly string[];
  readonly features: readonly string[];
  /** Per class (in `labels` order): weights of `features`, then of `dense`, then the bias. */
  readonly weights: readonly (readonly number[])[];
  readonly training: Readonly<Record<string, unknown>>;
}

/** A loaded model: feature names indexed once, so a prediction is a few map look-ups. */
export class SentimentModel {
  readonly data: SentimentModelData;
  #index: Map<string, number>;

  constructor(data: SentimentModelData) {
    if (data.labels.join() !== SENTIMENT_LABELS.join() || data.dense.join() !== DENSE_FEATURES.join()) {
      throw new Error('the sentiment model was trained for other labels or features');
    }
    if (data.weights.length !== 3 || data.weights.some((w) => w.length !== data.features.length + data.dense.length + 1)) throw new Error('the sentiment model weights have the wrong shape');
    this.data = data;
    this.#index = new Map(data.features.map((f, i) => [f, i]));
  }

  /** Class probabilities (negative, neutral, positive) of a text. */
  probabilities(text: string): [number, number, number] {
    const { sparse, dense } = sentimentFeatures(text);
    const nFeatures = this.data.features.length;
    const logits = this.data.weights.map((w) => {
      let z = w[nFeatures + dense.length]!;
      for (const name of sparse) {
        const i = this.#index.get(name);
        if (i !== undefined) z += w[i]!;
      }
      for (let j = 0; j < dense.length; j++) z += w[nFeatures + j]! * dense[j]!;
      return z;
    });
    return softmax(logits) as [number, number, number];
  }

  /**
   * @example model.predict('Flight delayed 3 hours, again').label // 'negative'
   */
  predict(text: string): Sentiment {
    const p = this.probabilities(text);
    let best = 0;
    for (let k = 1; k < 3; k++) if (p[k]! > p[best]!) best = k;
    const round = (x: number) => Math.round(x * 1e4) / 1e4;
    return {
      label: SENTIMENT_LABELS[best]!,
      score: round(p[2] - p[0]),
      probabilities: { negative: round(p[0]), neutral: round(p[1]), positive: round(p[2]) },
    };
  }
}

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
