import { describe, expect, it } from 'vitest';
import { stemWord } from './stem-word.ts';

describe('stemWord', () => {
  it.each([
    ['delays', 'delay'], ['delayed', 'delay'], ['late', 'delay'],
    ['cancelled', 'cancel'], ['canceled', 'cancel'], ['cancellation', 'cancel'], ['cancelling', 'cancel'],
    ['bags', 'bag'], ['luggage', 'bag'], ['baggage', 'bag'],
    ['changed', 'chang'], ['change', 'chang'], ['changes', 'chang'],
    ['refunds', 'refund'], ['called', 'call'], ['calling', 'call'], ['stopped', 'stop'], ['replies', 'reply'], ['boxes', 'box'],
  ])('%s -> %s', (word, stem) => expect(stemWord(word)).toBe(stem));

  it('keeps apart words that only look alike', () => {
    expect(stemWord('plane')).not.toBe(stemWord('plan'));
    expect(stemWord('status')).toBe('status');
    expect(stemWord('bus')).toBe('bus');
  });
});
