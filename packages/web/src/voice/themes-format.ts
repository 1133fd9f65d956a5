import type { Theme } from '../api/insight-types.ts';

/** How a theme reads: its mood from the mean sentiment, and whether it grows. */

/** The cut docs/surveys.md uses for sentiment labels: at most -0.05 negative, at least 0.05 positive. */
export function moodOf(mean: number): 'negative' | 'neutral' | 'positive' {
  if (mean <= -0.05) return 'negative';
  if (mean >= 0.05) return 'positive';
  return 'neutral';
}

/** The last period against the one before, as "+4 on the day before" / "−2 on the week before", or null when there is no previous period. */
export function changeText(change: Theme['change'], interval: string): string | null {
  if (!change) return null;
  if (change.delta === 0) return `as many as the ${interval} before`;
  return `${change.delta > 0 ? '+' : '−'}${Math.abs(change.delta)} on the ${interval} before`;
}

/** Which themes to show for a search: label, phrases or examples containing the words, case aside. */
export function matchTheme(theme: Theme, search: string): boolean {
  const words = search.trim().toLowerCase();
  if (!words) return true;
  return [theme.label, ...theme.phrases.map((p) => p.text), ...theme.examples.map((e) => e.text)].some((t) => t.toLowerCase().includes(words));
}
