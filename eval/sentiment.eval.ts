/**
 * `npm run eval:sentiment`: how well Waymark reads the sentiment of customer texts, measured
 * on 14,640 labelled airline tweets. Every figure of the trained model is on tweets it never
 * saw: the shipped model on the 30% held out from its training, and 5-fold cross-validation
 * retraining a model per fold. Ends with the themes of all tweets.
 */
import { statSync } from 'node:fs';
import {
  classificationMetrics, DEFAULT_TRAINING, findThemes, lexiconSentiment, predictSentiment, SENTIMENT_LABELS, SentimentModel, shippedSentimentModel, trainSentimentModel,
  type ClassificationMetrics, type SentimentLabel,
} from '@waymark/core';
import { assignFolds, holdOutSplit, readAirlineTweets, splitFingerprint, type Tweet } from './airline-tweets.ts';
import { MODEL_FILE } from './model-file.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

function report(name: string, m: ClassificationMetrics, published = ''): void {
  console.log(`\n${name}  (n = ${m.n})`);
  console.log(`  accuracy ${pct(m.accuracy)}   macro-F1 ${m.macroF1.toFixed(3)}${published ? `   published: ${published}` : ''}`);
  console.log(`  confusion (rows true, columns predicted: ${SENTIMENT_LABELS.join(' / ')})`);
  m.confusion.forEach((row, k) => console.log(`    ${SENTIMENT_LABELS[k]!.padEnd(9)} ${row.map((n) => String(n).padStart(6)).join('')}`));
}

function timed<T>(texts: readonly Tweet[], predict: (text: string) => T): { out: T[]; perSecond: number } {
  for (const t of texts.slice(0, 300)) predict(t.text); // warm the JIT, or whichever runs first looks slower
  const started = performance.now();
  const out = texts.map((t) => predict(t.text));
  return { out, perSecond: texts.length / ((performance.now() - started) / 1000) };
}

const tweets = readAirlineTweets();
const truth = (ts: readonly Tweet[]) => ts.map((t) => t.label);
const counts = SENTIMENT_LABELS.map((l) => tweets.filter((t) => t.label === l).length);
console.log(`Twitter US Airline Sentiment: ${tweets.length} tweets (${SENTIMENT_LABELS.map((l, k) => `${l} ${counts[k]}`).join(', ')})`);

const { train, test } = holdOutSplit(tweets);
const heldOut = new Set(test);
console.log(`held-out split: seeded 70/30 by distinct text -> ${train.length} training, ${test.length} held out`);

report('Majority class (always "negative"), all tweets', classificationMetrics(truth(tweets), tweets.map((): SentimentLabel => 'negative')), '62.7%');
const vader = timed(tweets, lexiconSentiment);
report('Lexicon baseline: VADER (vader-sentiment, compound >= 0.05 / <= -0.05, raw text), all tweets', classificationMetrics(truth(tweets), vader.out.map((s) => s.label)), '49.6% (after NLTK cleaning)');
report('Lexicon baseline: VADER, held-out 30%', classificationMetrics(truth(test), vader.out.filter((_, i) => heldOut.has(tweets[i]!)).map((s) => s.label)));
report('Majority class, held-out 30%', classificationMetrics(truth(test), test.map((): SentimentLabel => 'negative')));

// The shipped weights must come from exactly this training split: otherwise the held-out figure would be a lie.
const shipped = shippedSentimentModel();
if (shipped.data.training['trainFingerprint'] !== splitFingerprint(train)) {
  throw new Error('the shipped model was not trained on this training split: run `npm run train:sentiment` first');
}
const model = timed(test, predictSentiment);
report('Waymark model (shipped weights, trained on the 70% only), held-out 30%', classificationMetrics(truth(test), model.out.map((s) => s.label)), 'LR 78.7%, NB 76.8% / 77.2%, SVC 78.8% (70/30)');

console.log('\n5-fold cross-validation, a model retrained on 4 folds and measured on the fifth:');
const folds = assignFolds(tweets, 5, 42);
const perFold: ClassificationMetrics[] = [];
for (let k = 0; k < 5; k++) {
  const fit = new SentimentModel(trainSentimentModel(tweets.filter((_, i) => folds[i] !== k), DEFAULT_TRAINING));
  const held = tweets.filter((_, i) => folds[i] === k);
  const m = classificationMetrics(truth(held), held.map((t) => fit.predict(t.text).label));
  perFold.push(m);
  console.log(`  fold ${k + 1}: n = ${m.n}, accuracy ${pct(m.accuracy)}, macro-F1 ${m.macroF1.toFixed(3)}`);
}
console.log(`  mean accuracy ${pct(mean(perFold.map((m) => m.accuracy)))} ± ${pct(sd(perFold.map((m) => m.accuracy)))}, macro-F1 ${mean(perFold.map((m) => m.macroF1)).toFixed(3)} ± ${sd(perFold.map((m) => m.macroF1)).toFixed(3)}`);

console.log('\nPublished baselines on this data: majority 62.7%; VADER 49.6%, TextBlob 42.9% (all tweets); 70/30 split: logistic regression 78.7%, multinomial naive Bayes 76.8% (77.2% elsewhere), random forest 76.1%, SVC 78.8%.');
console.log(`\nThroughput (one core, this run): Waymark model ${Math.round(model.perSecond)} texts/s, VADER alone ${Math.round(vader.perSecond)} texts/s (the model computes VADER's scores as features, which is most of its cost).`);
console.log(`Model size: ${(statSync(MODEL_FILE).size / 1024).toFixed(0)} KB JSON, ${shipped.data.features.length} sparse + ${shipped.data.dense.length} dense features, 3 classes.`);

const themesStarted = performance.now();
const themes = findThemes(tweets.map((t) => ({ id: t.id, text: t.text, timestamp: t.createdAt })), { sentiment: predictSentiment, limit: 15, interval: 'day' });
console.log(`\nTop 15 themes of all ${themes.texts} tweets (${((performance.now() - themesStarted) / 1000).toFixed(1)} s; sentiment by the shipped model, -1..1):`);
for (const theme of themes.themes) {
  const phrases = theme.phrases.slice(0, 4).map((p) => `${p.text} ${p.count}`).join(', ');
  console.log(`  ${theme.label.padEnd(22)} ${String(theme.count).padStart(5)} texts  sentiment ${theme.sentiment.mean.toFixed(2).padStart(5)}  (${phrases})`);
}

