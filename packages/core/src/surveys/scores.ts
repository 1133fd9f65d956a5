/**
 * Survey scores from answer counts. Pure: the same counts come from the SQL of every engine
 * (scores.sql.ts) and from the reference implementation (scores.reference.ts).
 */

/** What one group of survey events (a survey, a touchpoint, a period) adds up to. */
export interface SurveyCounts {
  /** `Survey Shown` events. */
  readonly shown: number;
  /** Submissions (distinct response ids of `Survey Answered` events). */
  readonly responses: number;
  readonly npsN: number;
  /** NPS answers of 9 or 10. */
  readonly promoters: number;
  /** NPS answers of 0 to 6. */
  readonly detractors: number;
  readonly csatN: number;
  /** CSAT answers of 4 or 5. */
  readonly satisfied: number;
  readonly cesN: number;
  readonly cesSum: number;
  /** Open answers scored by text analysis (sentiment from -1 to 1). */
  readonly sentimentN: number;
  readonly negative: number;
  readonly positive: number;
  readonly sentimentSum: number;
}

export const EMPTY_SURVEY_COUNTS: SurveyCounts = Object.freeze({
  shown: 0, responses: 0, npsN: 0, promoters: 0, detractors: 0, csatN: 0, satisfied: 0, cesN: 0, cesSum: 0, sentimentN: 0, negative: 0, positive: 0, sentimentSum: 0,
});

export function addSurveyCounts(a: SurveyCounts, b: SurveyCounts): SurveyCounts {
  const out: Record<string, number> = {};
  for (const key of Object.keys(EMPTY_SURVEY_COUNTS) as (keyof SurveyCounts)[]) out[key] = a[key] + b[key];
  return out as unknown as SurveyCounts;
}

/** Sentiment at or below minus this is negative, at or above it positive (VADER's cut for scores from -1 to 1). */
export const SENTIMENT_NEUTRAL_BAND = 0.05;

/** z for a two-sided 95 % interval. */
const Z95 = 1.959964;

export interface NpsScore {
  /** % promoters - % detractors, from -100 to 100. */
  readonly score: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly n: number;
  /** 95 % confidence interval (normal approximation), clamped to [-100, 100]. */
  readonly ci: { readonly low: number; readonly high: number };
}

/**
 * Net Promoter Score with its 95 % confidence interval. With p+ and p- the shares of
 * promoters and detractors among n answers, NPS = 100 (p+ - p-) and the variance of the
 * difference of the two proportions of one multinomial sample is
 * (p+ + p- - (p+ - p-)^2) / n. Null when nobody answered.
 *
 * @example npsScore({ n: 10, promoters: 6, detractors: 2 }).score // 40
 */
export function npsScore(c: { readonly n: number; readonly promoters: number; readonly detractors: number }): NpsScore | null {
  if (c.n === 0) return null;
  const plus = c.promoters / c.n;
  const minus = c.detractors / c.n;
  const d = plus - minus;
  const half = Z95 * Math.sqrt(Math.max(0, plus + minus - d * d) / c.n);
  const clamp = (x: number) => Math.min(100, Math.max(-100, x));
  return {
    score: round(100 * d),
    promoters: c.promoters,
    passives: c.n - c.promoters - c.detractors,
    detractors: c.detractors,
    n: c.n,
    ci: { low: round(clamp(100 * (d - half))), high: round(clamp(100 * (d + half))) },
  };
}

/** CSAT: the % of answers of 4 or 5 on the 1-5 scale. Null when nobody answered. */
export const csatScore = (c: { readonly n: number; readonly satisfied: number }): { score: number; n: number } | null =>
  c.n === 0 ? null : { score: round((100 * c.satisfied) / c.n), n: c.n };

/** CES: the mean answer on the 1-7 scale (7 = very easy). Null when nobody answered. */
export const cesScore = (c: { readonly n: number; readonly sum: number }): { score: number; n: number } | null =>
  c.n === 0 ? null : { score: round(c.sum / c.n), n: c.n };

/** Responses per display; null when the survey was not shown (answers by link or API have no display). */
export const surveyResponseRate = (responses: number, shown: number): number | null => (shown === 0 ? null : round(responses / shown));

export interface SentimentSummary {
  readonly negative: number;
  readonly neutral: number;
  readonly positive: number;
  /** Mean sentiment from -1 to 1. */
  readonly mean: number;
}

export interface ScoreSummary {
  readonly responses: number;
  readonly shown: number;
  readonly responseRate: number | null;
  readonly nps?: NpsScore;
  readonly csat?: { readonly score: number; readonly n: number };
  readonly ces?: { readonly score: number; readonly n: number };
  readonly sentiment?: SentimentSummary;
  /** From -2 (very negative) to 2 (delighted), as the journey map's emotion lane; see `emotionFromScores`. */
  readonly emotion: number | null;
}

/** Every score a group of counts gives; scores with no answers are left out. */
export function summarizeSurveyCounts(c: SurveyCounts): ScoreSummary {
  const nps = npsScore({ n: c.npsN, promoters: c.promoters, detractors: c.detractors });
  const csat = csatScore({ n: c.csatN, satisfied: c.satisfied });
  const ces = cesScore({ n: c.cesN, sum: c.cesSum });
  const sentiment: SentimentSummary | null =
    c.sentimentN === 0 ? null : { negative: c.negative, neutral: c.sentimentN - c.negative - c.positive, positive: c.positive, mean: round(c.sentimentSum / c.sentimentN) };
  const parts = { ...(nps && { nps }), ...(csat && { csat }), ...(ces && { ces }), ...(sentiment && { sentiment }) };
  return { responses: c.responses, shown: c.shown, responseRate: surveyResponseRate(c.responses, c.shown), ...parts, emotion: emotionFromScores(parts) };
}

/**
 * The emotion a touchpoint's answers express, on the journey map's scale from -2 to 2: the
 * mean of whichever of these exist, each mapped linearly onto [-2, 2]: NPS / 50 (-100..100),
 * (CSAT % - 50) / 25 (0..100 %), (CES - 4) / 1.5 (1..7, 4 neutral), 2 x mean sentiment (-1..1).
 * Null when none exists. Rounded to two decimals.
 */
export function emotionFromScores(s: { nps?: { score: number }; csat?: { score: number }; ces?: { score: number }; sentiment?: { mean: number } }): number | null {
  const parts: number[] = [];
  if (s.nps) parts.push(s.nps.score / 50);
  if (s.csat) parts.push((s.csat.score - 50) / 25);
  if (s.ces) parts.push((s.ces.score - 4) / 1.5);
  if (s.sentiment) parts.push(2 * s.sentiment.mean);
  if (parts.length === 0) return null;
  return round(parts.reduce((a, b) => a + b, 0) / parts.length, 2);
}

const round = (x: number, digits = 4) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
