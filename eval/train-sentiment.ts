/**
 * Regenerates the shipped sentiment model: `npm run train:sentiment`. It trains on the 70%
 * training split only (seeded, so the file comes out byte-identical), which leaves the other
 * 30% unseen for `npm run eval:sentiment`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_TRAINING, trainSentimentModel } from '@waymark/core';
import { holdOutSplit, readAirlineTweets, splitFingerprint } from './airline-tweets.ts';
import { MODEL_FILE } from './model-file.ts';

const started = performance.now();
const { train, test } = holdOutSplit(readAirlineTweets());
const model = trainSentimentModel(train, DEFAULT_TRAINING);
const data = { ...model, training: { ...model.training, dataset: 'Twitter US Airline Sentiment (Feb 2015)', split: 'seeded 70/30 by distinct text, seed 42: training part only', trainFingerprint: splitFingerprint(train) } };
const json = `${JSON.stringify(data)}\n`;
writeFileSync(MODEL_FILE, json);
console.log(`trained on ${train.length} tweets (${test.length} held out) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${data.features.length} features, ${(json.length / 1024).toFixed(0)} KB -> ${path.relative(process.cwd(), MODEL_FILE)}`);
