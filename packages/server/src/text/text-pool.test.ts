import { findThemes, predictSentiment } from '@waymark/core';
import { afterAll, describe, expect, it } from 'vitest';
import { TextPool } from './text-pool.ts';

const DAY = 86_400_000;
const phrases = ['flight delayed again', 'lost bag at the carousel', 'great crew, thanks', 'refund still not received', 'seat was fine'];
const text = (i: number) => `${phrases[i % 5]} on day ${i % 7}, and ${phrases[(i * 3) % 5]}! Honestly ${phrases[(i * 7) % 5]}, what a trip #${i}`;
const texts = Array.from({ length: 6000 }, (_, i) => ({ id: `t${i}`, text: text(i), timestamp: Date.UTC(2026, 2, 1) + (i % 14) * DAY }));

describe('the text pool', () => {
  const pool = new TextPool();
  afterAll(() => pool.close());

  it('scores and finds themes exactly as core does on the request thread', async () => {
    const sample = texts.slice(0, 50).map((t) => t.text);
    expect(await pool.sentiment(sample)).toEqual(sample.map(predictSentiment));
    const options = { limit: 5, interval: 'week', timeZone: 'Europe/Paris' } as const;
    expect(await pool.themes(texts, options)).toEqual(findThemes(texts, { ...options, sentiment: predictSentiment }));
  });

  it('leaves the request thread free while it works', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await pool.themes(texts, { limit: 20 });
    clearInterval(timer);
    // On the request thread the timer could not fire until the themes were done.
    expect(ticks).toBeGreaterThan(5);
  });
});
