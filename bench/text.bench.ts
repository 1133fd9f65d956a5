// npm run bench:text — sentiment and themes on the airline tweets (1,000 and all 14,640): texts/s
// against VADER alone (the lexicon scores the model reads, the floor of any scoring here), and
// how long the request thread is held while a themes call runs inline and through the text pool
// (longest gap between 5 ms timer ticks).
import { findThemes, lexiconScores, predictSentiment, type CustomerText } from '@waymark/core';
import { readAirlineTweets } from '../eval/airline-tweets.ts';
import { TextPool } from '../packages/server/src/text/text-pool.ts';
import { fmt, median } from './support.ts';

const tweets = readAirlineTweets();
const all: CustomerText[] = tweets.map((t) => ({ id: t.id, text: t.text, timestamp: t.createdAt }));
const time = (f: () => unknown, runs = 3) => median(Array.from({ length: runs }, () => { const s = performance.now(); f(); return performance.now() - s; }));

/** The longest the event loop went without running a 5 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await work();
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(timer);
  return longest;
}

console.log(`Waymark text benchmark: ${fmt(all.length)} airline tweets, median of 3 runs\n`);
console.log('texts  | VADER alone ms | sentiment ms | texts/s | ratio | themes ms | texts/s | ratio');
console.log('------ | -------------- | ------------ | ------- | ----- | --------- | ------- | -----');
predictSentiment(all[0]!.text);
for (const n of [1000, all.length]) {
  const texts = all.slice(0, n);
  const vader = time(() => texts.forEach((t) => lexiconScores(t.text)));
  const sentiment = time(() => texts.forEach((t) => predictSentiment(t.text)));
  const themes = time(() => findThemes(texts, { sentiment: predictSentiment, interval: 'day', limit: 20 }));
  const rate = (ms: number) => fmt((n / ms) * 1000).padStart(7);
  console.log(
    `${fmt(n).padStart(6)} | ${vader.toFixed(0).padStart(14)} | ${sentiment.toFixed(0).padStart(12)} | ${rate(sentiment)} | ${(sentiment / vader).toFixed(2).padStart(5)} | ${themes.toFixed(0).padStart(9)} | ${rate(themes)} | ${(themes / vader).toFixed(2).padStart(5)}`,
  );
}

const pool = new TextPool();
await pool.themes(all.slice(0, 10), {}); // start the thread
const options = { interval: 'day', limit: 20 } as const;
const inline = await longestStall(async () => findThemes(all, { ...options, sentiment: predictSentiment }));
const pooled = await longestStall(() => pool.themes(all, options));
await pool.close();
console.log(`\nrequest thread held by one themes call on ${fmt(all.length)} texts: inline ${inline.toFixed(0)} ms, through the text pool ${pooled.toFixed(0)} ms`);
console.log(`peak RSS: ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
