import { describe, expect, it } from 'vitest';
import { lexiconSentiment } from './lexicon-sentiment.ts';
import { SENTIMENT_LABELS } from './sentiment-labels.ts';
import { SentimentModel } from './sentiment-model.ts';
import { predictSentiment, shippedSentimentModel } from './shipped-sentiment-model.ts';
import { DEFAULT_TRAINING, trainSentimentModel, type LabelledText } from './train-sentiment-model.ts';

const examples: LabelledText[] = [
  ...['love the crew', 'great service thanks', 'the staff were lovely', 'great and fast', 'love it'].map((text) => ({ text, label: 'positive' as const })),
  ...['awful delay again', 'lost my bag awful', 'worst service ever', 'delay delay delay', 'still waiting, awful'].map((text) => ({ text, label: 'negative' as const })),
  ...['what time is boarding', 'is the gate open', 'which terminal is it', 'what is the baggage allowance', 'is wifi on board'].map((text) => ({ text, label: 'neutral' as const })),
];
const small = { ...DEFAULT_TRAINING, minCount: 1, epochs: 20, learningRate: 0.3 };

describe('trainSentimentModel', () => {
  it('learns hand-written cases and is deterministic', () => {
    const data = trainSentimentModel(examples, small);
    expect(trainSentimentModel(examples, small)).toEqual(data);
    const model = new SentimentModel(data);
    expect(model.predict('the crew were great').label).toBe('positive');
    expect(model.predict('awful, my bag is lost').label).toBe('negative');
    expect(model.predict('what is the gate').label).toBe('neutral');
  });

  it('keeps at most maxFeatures features', () => {
    expect(trainSentimentModel(examples, { ...small, maxFeatures: 10 }).features).toHaveLength(10);
  });

  it('changes with the seed', () => {
    expect(trainSentimentModel(examples, { ...small, seed: 1 }).weights).not.toEqual(trainSentimentModel(examples, small).weights);
  });
});

describe('SentimentModel', () => {
  it('refuses weights of another shape', () => {
    const data = trainSentimentModel(examples, small);
    expect(() => new SentimentModel({ ...data, weights: data.weights.slice(0, 2) })).toThrow(/shape/);
    expect(() => new SentimentModel({ ...data, labels: ['bad', 'good', 'meh'] })).toThrow(/labels/);
  });
});

describe('the shipped model', () => {
  it.each([
    ['Two hours on hold and nobody answers. Unacceptable.', 'negative'],
    ['My bag is lost and nobody will help me', 'negative'],
    ['Thanks so much, the crew was fantastic!', 'positive'],
    ['Does the flight to Boston have wifi?', 'neutral'],
  ])('reads %j as %s', (text, label) => {
    const s = predictSentiment(text);
    expect(s.label).toBe(label);
    expect(s.probabilities.negative + s.probabilities.neutral + s.probabilities.positive).toBeCloseTo(1, 3);
    expect(s.score).toBeCloseTo(s.probabilities.positive - s.probabilities.negative, 3);
  });

  it('tells negated praise from praise', () => {
    expect(predictSentiment('the service was not good').score).toBeLessThan(predictSentiment('the service was good').score);
  });

  it('is compact and trained on the training split only', () => {
    const { data } = shippedSentimentModel();
    expect(data.labels).toEqual([...SENTIMENT_LABELS]);
    expect(data.features.length).toBeLessThanOrEqual(DEFAULT_TRAINING.maxFeatures);
    expect(data.training['trainFingerprint']).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('lexiconSentiment', () => {
  it('applies VADER with its published thresholds', () => {
    expect(lexiconSentiment('I love this, wonderful!').label).toBe('positive');
    expect(lexiconSentiment('This is terrible and I hate it').label).toBe('negative');
    expect(lexiconSentiment('The gate is B12').label).toBe('neutral');
  });
});
