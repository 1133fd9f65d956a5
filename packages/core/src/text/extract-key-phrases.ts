import { isContentWord } from './stop-words.ts';
import { stemWord } from './stem-word.ts';
import { tokenizeText } from './tokenize-text.ts';

/** A phrase of a text: the words as written (lowercase) and their stems, which group it. */
export interface KeyPhrase {
  readonly text: string;
  readonly stems: readonly string[];
}

/** Longer runs of content words are usually run-on text rather than one idea. */
export const MAX_PHRASE_WORDS = 3;

/**
 * RAKE-style candidate phrases: runs of content words between stop words and punctuation,
 * each kept once per text. A run longer than MAX_PHRASE_WORDS yields its word pairs instead.
 *
 * @example extractKeyPhrases('My flight was delayed and the lost luggage desk was closed')
 *   .map((p) => p.text) // ['flight', 'delayed', 'lost luggage desk', 'closed']
 */
export function extractKeyPhrases(text: string): KeyPhrase[] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const token of tokenizeText(text)) {
    if (isContentWord(token)) {
      run.push(token);
      continue;
    }
    if (run.length > 0) runs.push(run);
    run = [];
  }
  if (run.length > 0) runs.push(run);

  const seen = new Map<string, KeyPhrase>();
  const add = (words: readonly string[]) => {
    const stems = words.map(stemWord);
    const key = stems.join(' ');
    if (!seen.has(key)) seen.set(key, { text: words.join(' '), stems });
  };
  for (const words of runs) {
    if (words.length <= MAX_PHRASE_WORDS) add(words);
    else for (let i = 0; i + 1 < words.length; i++) add(words.slice(i, i + 2));
  }
  return [...seen.values()];
}
