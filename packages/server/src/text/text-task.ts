import { findThemes, predictSentiment, type CustomerText, type Sentiment, type ThemeOptions, type ThemesResult } from '@waymark/core';

/** Theme options without the scorer: the pool's thread scores with the shipped model. */
export type PoolThemeOptions = Omit<ThemeOptions, 'sentiment'>;

/** Work the text pool's thread does: what it is given crosses threads, so no functions in it. */
export type TextTask =
  | { readonly kind: 'sentiment'; readonly texts: readonly string[] }
  | { readonly kind: 'themes'; readonly texts: readonly CustomerText[]; readonly options: PoolThemeOptions };

/** Runs one task with the shipped sentiment model (in the pool's thread). */
export function runTextTask(task: TextTask): Sentiment[] | ThemesResult {
  switch (task.kind) {
    case 'sentiment':
      return task.texts.map(predictSentiment);
    case 'themes':
      return findThemes(task.texts, { ...task.options, sentiment: predictSentiment });
  }
}
