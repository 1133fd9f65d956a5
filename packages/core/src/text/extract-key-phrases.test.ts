import { describe, expect, it } from 'vitest';
import { extractKeyPhrases } from './extract-key-phrases.ts';

const texts = (text: string) => extractKeyPhrases(text).map((p) => p.text);

describe('extractKeyPhrases', () => {
  it('splits at stop words and punctuation, as RAKE does', () => {
    expect(texts('My flight was delayed and the lost luggage desk was closed')).toEqual(['flight', 'delayed', 'lost luggage desk', 'closed']);
  });

  it('cuts a run longer than three words into its pairs', () => {
    expect(texts('lost luggage desk closed early')).toEqual(['lost luggage', 'luggage desk', 'desk closed', 'closed early']);
  });

  it('keeps short runs whole, with their stems', () => {
    expect(extractKeyPhrases('Customer service never called back.')).toEqual([
      { text: 'customer service', stems: ['customer', 'servic'] },
      { text: 'called', stems: ['call'] },
    ]);
  });

  it('drops links, handles, numbers, small talk, and repeats within a text', () => {
    expect(texts('@acme Thanks!! Refund please http://x.co/1 refund 2 times')).toEqual(['refund']);
  });

  it('finds nothing in a text of stop words', () => {
    expect(texts('it was what it was')).toEqual([]);
  });
});
