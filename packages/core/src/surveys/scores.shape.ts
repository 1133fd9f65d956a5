import { addSurveyCounts, EMPTY_SURVEY_COUNTS, summarizeSurveyCounts, type ScoreSummary, type SurveyCounts } from './scores.ts';
import type { SurveyCountsRow } from './scores.plan.ts';

export interface SurveyScores {
  readonly overall: ScoreSummary;
  /** Per touchpoint the answers are tied to; '' gathers answers tied to none. */
  readonly byTouchpoint: readonly (ScoreSummary & { readonly touchpointId: string })[];
  /** Per stage of the journey map given (touchpoints not on the map are left out). */
  readonly byStage: readonly (ScoreSummary & { readonly stageId: string })[];
  /** Per period, when an interval was asked for. */
  readonly overTime: readonly (ScoreSummary & { readonly period: string })[];
}

function totals<K extends string>(rows: readonly SurveyCountsRow[], keyOf: (r: SurveyCountsRow) => K | null): Map<K, SurveyCounts> {
  const out = new Map<K, SurveyCounts>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key !== null) out.set(key, addSurveyCounts(out.get(key) ?? EMPTY_SURVEY_COUNTS, r.counts));
  }
  return out;
}

/**
 * Scores from grouped counts: overall, per touchpoint, per stage (through `stageOf`, the
 * journey map's touchpoint to stage) and per period. A submission's answers share one
 * touchpoint and instant, so distinct responses add up across groups.
 */
export function shapeSurveyScores(rows: readonly SurveyCountsRow[], stageOf: (touchpointId: string) => string | null = () => null): SurveyScores {
  const overall = rows.reduce((acc, r) => addSurveyCounts(acc, r.counts), EMPTY_SURVEY_COUNTS);
  const byTouchpoint = [...totals(rows, (r) => r.touchpoint)].map(([touchpointId, c]) => ({ touchpointId, ...summarizeSurveyCounts(c) }));
  const byStage = [...totals(rows, (r) => stageOf(r.touchpoint))].map(([stageId, c]) => ({ stageId, ...summarizeSurveyCounts(c) }));
  const overTime = [...totals(rows, (r) => (r.period === '' ? null : r.period))].map(([period, c]) => ({ period, ...summarizeSurveyCounts(c) }));
  return { overall: summarizeSurveyCounts(overall), byTouchpoint, byStage, overTime };
}
