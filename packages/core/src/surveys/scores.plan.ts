import type { SurveyCounts } from './scores.ts';

export const SCORE_INTERVALS = ['day', 'week', 'month'] as const;
export type ScoreInterval = (typeof SCORE_INTERVALS)[number];
export const isScoreInterval = (v: unknown): v is ScoreInterval => (SCORE_INTERVALS as readonly unknown[]).includes(v);

/**
 * What survey scores are counted over: one survey's events (or every survey's, for a journey's
 * voice), in [from, to), grouped by touchpoint and, with an interval, by period in the
 * project's time zone.
 */
export interface SurveyScoresPlan {
  readonly kind: 'survey_scores';
  readonly projectId: string;
  readonly surveyId: string | null;
  /** Epoch milliseconds, UTC; `to` excluded. */
  readonly from: number;
  readonly to: number;
  readonly interval: ScoreInterval | null;
  readonly timeZone: string;
}

/** One group's counts: the period label ('' without an interval) and touchpoint ('' when none). */
export interface SurveyCountsRow {
  readonly period: string;
  readonly touchpoint: string;
  readonly counts: SurveyCounts;
}

/** Rows in one order for every engine and the reference: by period, then touchpoint. */
export const bySurveyGroup = (a: SurveyCountsRow, b: SurveyCountsRow) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.touchpoint < b.touchpoint ? -1 : a.touchpoint > b.touchpoint ? 1 : 0);
