import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { hash64, isSentimentLabel, seededShuffle, type LabelledText } from '@waymark/core';

/** The labelled tweets live beside the repository, never inside it (see the datasets README, section 2). */
export const DATASET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/datasets/twitter_us_airline_sentiment.csv.gz');

export interface Tweet extends LabelledText {
  readonly id: string;
  readonly airline: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

export function readAirlineTweets(file = DATASET): Tweet[] {
  const rows: Record<string, string>[] = parse(gunzipSync(readFileSync(file)), { columns: true, skip_empty_lines: true });
  return rows.map((row) => {
    const label = row['airline_sentiment'];
    if (!isSentimentLabel(label)) throw new Error(`tweet ${row['tweet_id']}: unknown label "${label}"`);
    const created = row['tweet_created']!.replace(' ', 'T').replace(/ ([+-]\d\d)(\d\d)$/, '$1:$2');
    return { id: row['tweet_id']!, text: row['text']!, label, airline: row['airline']!, createdAt: Date.parse(created) };
  });
}

/**
 * Assigns each tweet a fold from 0 to k-1. The same text (retweets, duplicated rows) always
 * lands in the same fold, so no held-out tweet was seen in training under another id.
 */
export function assignFolds(tweets: readonly Tweet[], k: number, seed: number): number[] {
  const key = (t: Tweet) => t.text.toLowerCase().replace(/^rt\s+/, '').replace(/\s+/g, ' ').trim();
  const groups = seededShuffle([...new Set(tweets.map(key))].sort(), seed);
  const fold = new Map(groups.map((g, i) => [g, i % k]));
  return tweets.map((t) => fold.get(key(t))!);
}

/** The seeded 70/30 split: the shipped model is trained on `train` only, and measured on `test`. */
export function holdOutSplit(tweets: readonly Tweet[], seed = 42): { train: Tweet[]; test: Tweet[] } {
  const folds = assignFolds(tweets, 10, seed);
  return { train: tweets.filter((_, i) => folds[i]! < 7), test: tweets.filter((_, i) => folds[i]! >= 7) };
}

/** Names a set of training tweets, so the evaluation can check the shipped model saw exactly the training split. */
export const splitFingerprint = (tweets: readonly Tweet[]): string => hash64(tweets.map((t) => `${t.id}:${t.label}`).join('\n'));
