import { describe, expect, it } from 'vitest';
import { markNegation, tokenizeText } from './tokenize-text.ts';

describe('tokenizeText', () => {
  it('replaces links and handles, keeps emoticons and emoji, shortens stretched letters', () => {
    expect(tokenizeText('@united Sooooo late :( see http://t.co/abc 😡')).toEqual(['<handle>', 'soo', 'late', '<frown>', 'see', '<link>', '😡']);
    expect(tokenizeText('Great crew :) <3')).toEqual(['great', 'crew', '<smile>', '<smile>']);
  });

  it('keeps apostrophes inside words and one mark of a run of ! or ?', () => {
    expect(tokenizeText("Didn't work!!! Why??")).toEqual(["didn't", 'work', '!', 'why', '?']);
  });

  it('does not take an e-mail or a time for an emoticon', () => {
    expect(tokenizeText('ann@example.com at 10:30')).not.toContain('<smile>');
    expect(tokenizeText('ann@example.com at 10:30')).not.toContain('<frown>');
  });
});

describe('markNegation', () => {
  it('marks the words of a negated clause until punctuation', () => {
    expect(markNegation(tokenizeText("Not happy, but the crew wasn't rude."))).toEqual(['not', 'not_happy', ',', 'but', 'the', 'crew', "wasn't", 'not_rude', '.']);
  });
});
