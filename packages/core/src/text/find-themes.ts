import { bucketOf, type Interval } from '../analytics/time-buckets.ts';
import { extractKeyPhrases } from './extract-key-phrases.ts';
import { DEFAULT_GROUPING, groupPhrases, type GroupingOptions, type PhraseGroup } from './group-themes.ts';
import type { Sentiment } from './sentiment-labels.ts';
import { themeTrend, type ThemeChange, type TrendPoint } from './theme-trend.ts';

/** One customer text: a survey answer, a ticket, a review. */
export interface CustomerText {
  readonly id: string;
  readonly text: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  /** Ids of the journey touchpoints the text was written at, if known. */
  readonly touchpoints?: readonly string[];
}

export interface ThemeExample {
  readonly id: string;
  readonly text: string;
  readonly timestamp: number;
  readonly sentiment: Sentiment;
}

export interface Theme {
  /** The stem that names the theme ("delay"); stable across calls, for links and filters. */
  readonly key: string;
  /** Its most frequent phrase as customers wrote it ("delayed"). */
  readonly label: string;
  /** Texts in the theme. */
  readonly count: number;
  /** count / texts analysed. */
  readonly share: number;
  /** Its most frequent phrases, with the number of texts holding each. */
  readonly phrases: readonly { readonly text: string; readonly count: number }[];
  readonly sentiment: { readonly mean: number; readonly negative: number; readonly neutral: number; readonly positive: number };
  readonly trend: readonly TrendPoint[];
  readonly change: ThemeChange | null;
  /** Most representative first: the texts holding most of the theme's frequent phrases. */
  readonly examples: readonly ThemeExample[];
}

export interface ThemeOptions {
  /** How texts are scored; the server passes the shipped model. */
  readonly sentiment: (text: string) => Sentiment;
  readonly limit?: number;
  /** Only texts written at this touchpoint. */
  readonly touchpoint?: string;
  readonly interval?: Interval;
  readonly timeZone?: string;
  readonly examples?: number;
  /** A theme needs at least this many texts. */
  readonly minCount?: number;
  readonly grouping?: GroupingOptions;
}

export interface ThemesResult {
  /** Texts analysed (after the touchpoint filter). */
  readonly texts: number;
  readonly periods: readonly string[];
  readonly themes: readonly Theme[];
}

/**
 * The themes of customer texts: key phrases grouped by their head word, counted, with their
 * trend per period, mean sentiment and example verbatims. Pure: the same texts give the same
 * themes in the same order.
 *
 * @example findThemes(tickets, { sentiment: (t) => model.predict(t), limit: 10 }).themes[0]?.label // 'delayed'
 */
export function findThemes(all: readonly CustomerText[], options: ThemeOptions): ThemesResult {
  const texts = options.touchpoint === undefined ? all : all.filter((t) => t.touchpoints?.includes(options.touchpoint!));
  const interval = options.interval ?? 'week';
  const timeZone = options.timeZone ?? 'UTC';
  const periodOf = texts.map((t) => bucketOf(t.timestamp, interval, timeZone));
  const periods = [...new Set(periodOf)].sort();
  const groups = groupPhrases(texts.map((t) => extractKeyPhrases(t.text)), options.grouping ?? DEFAULT_GROUPING)
    .filter((g) => g.texts.size >= (options.minCount ?? 2))
    .slice(0, options.limit ?? 20);

  const scored = new Map<number, Sentiment>();
  const sentimentOf = (i: number) => {
    let s = scored.get(i);
    if (!s) scored.set(i, (s = options.sentiment(texts[i]!.text)));
    return s;
  };
  const themes = groups.map((group): Theme => {
    const members = [...group.texts].sort((a, b) => a - b);
    const phrases = [...group.phrases].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1));
    const sentiments = members.map(sentimentOf);
    const { trend, change } = themeTrend(periods, members.map((i) => periodOf[i]!));
    return {
      key: group.key,
      label: phrases[0]?.text ?? group.key,
      count: members.length,
      share: texts.length === 0 ? 0 : members.length / texts.length,
      phrases: phrases.slice(0, 8),
      sentiment: {
        mean: Math.round((sentiments.reduce((sum, s) => sum + s.score, 0) / Math.max(1, sentiments.length)) * 1000) / 1000,
        negative: sentiments.filter((s) => s.label === 'negative').length,
        neutral: sentiments.filter((s) => s.label === 'neutral').length,
        positive: sentiments.filter((s) => s.label === 'positive').length,
      },
      trend,
      change,
      examples: representative(group, members, texts, options.examples ?? 3).map((i) => ({ id: texts[i]!.id, text: texts[i]!.text, timestamp: texts[i]!.timestamp, sentiment: sentimentOf(i) })),
    };
  });
  return { texts: texts.length, periods, themes };
}

/**
 * The texts that say most of what the theme says: each scores the share of the theme's
 * phrase occurrences it holds; the same words twice (retweets, copy-paste) count once.
 */
function representative(group: PhraseGroup, members: readonly number[], texts: readonly CustomerText[], n: number): number[] {
  const phrases = [...group.phrases];
  const scoreOf = (i: number) => {
    const lower = texts[i]!.text.toLowerCase();
    return phrases.reduce((sum, [phrase, count]) => (lower.includes(phrase) ? sum + count : sum), 0);
  };
  const ranked = members.map((i) => ({ i, score: scoreOf(i), length: texts[i]!.text.length })).sort((a, b) => b.score - a.score || a.length - b.length || a.i - b.i);
  const seen = new Set<string>();
  const out: number[] = [];
  for (const { i } of ranked) {
    const key = texts[i]!.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
    if (out.length === n) break;
  }
  return out;
}
