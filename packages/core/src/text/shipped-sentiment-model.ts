import data from './sentiment-model.json' with { type: 'json' };
import type { Sentiment } from './sentiment-labels.ts';
import { SentimentModel, type SentimentModelData } from './sentiment-model.ts';

let loaded: SentimentModel | undefined;

/**
 * The model that ships with Waymark (trained on labelled airline tweets by `npm run
 * train:sentiment`; docs/text-analytics.md has its held-out figures). Indexed on first use.
 */
export function shippedSentimentModel(): SentimentModel {
  loaded ??= new SentimentModel(data as SentimentModelData);
  return loaded;
}

/**
 * The sentiment of a customer's text by the shipped model.
 *
 * @example predictSentiment('Two hours on hold and nobody answers').label // 'negative'
 */
export const predictSentiment = (text: string): Sentiment => shippedSentimentModel().predict(text);
