import type { AnalysisEvent } from '../analytics/analysis-event.ts';
import { propertyNumber, propertyText, propertyValue } from '../analytics/matchers/property-value.ts';
import { bucketOf } from '../analytics/time-buckets.ts';
import { addSurveyCounts, EMPTY_SURVEY_COUNTS, SENTIMENT_NEUTRAL_BAND, type SurveyCounts } from './scores.ts';
import { bySurveyGroup, type SurveyCountsRow, type SurveyScoresPlan } from './scores.plan.ts';
import { SURVEY_ANSWERED, SURVEY_SHOWN } from './survey-answers.ts';

/**
 * The reference meaning of survey counts, from an in-memory event log: the oracle the SQL of
 * every engine is tested against. An answer counts for a score only when its question type is
 * that score's and its score is a JSON number; a submission is a distinct `response_id`.
 */
export function surveyCountsReference(events: readonly AnalysisEvent[], plan: SurveyScoresPlan): SurveyCountsRow[] {
  const groups = new Map<string, { row: Omit<SurveyCountsRow, 'counts'>; counts: SurveyCounts; responses: Set<string> }>();
  for (const e of events) {
    if (e.event !== SURVEY_ANSWERED && e.event !== SURVEY_SHOWN) continue;
    if (e.timestamp < plan.from || e.timestamp >= plan.to) continue;
    const text = (name: string) => propertyText(propertyValue(e.properties, name));
    if (plan.surveyId !== null && text('survey_id') !== plan.surveyId) continue;
    const period = plan.interval === null ? '' : bucketOf(e.timestamp, plan.interval, plan.timeZone);
    const touchpoint = text('touchpoint_id') ?? '';
    const key = `${period}\u0000${touchpoint}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { row: { period, touchpoint }, counts: EMPTY_SURVEY_COUNTS, responses: new Set() }));
    if (e.event === SURVEY_SHOWN) {
      group.counts = addSurveyCounts(group.counts, { ...EMPTY_SURVEY_COUNTS, shown: 1 });
      continue;
    }
    const response = text('response_id');
    if (response !== null) group.responses.add(response);
    const type = text('question_type');
    const score = propertyNumber(propertyValue(e.properties, 'score'));
    const sentiment = propertyNumber(propertyValue(e.properties, 'sentiment'));
    const add: Partial<Record<keyof SurveyCounts, number>> = {};
    if (score !== null && type === 'nps') Object.assign(add, { npsN: 1, promoters: score >= 9 ? 1 : 0, detractors: score <= 6 ? 1 : 0 });
    if (score !== null && type === 'csat') Object.assign(add, { csatN: 1, satisfied: score >= 4 ? 1 : 0 });
    if (score !== null && type === 'ces') Object.assign(add, { cesN: 1, cesSum: score });
    if (sentiment !== null) {
      Object.assign(add, { sentimentN: 1, sentimentSum: sentiment, negative: sentiment <= -SENTIMENT_NEUTRAL_BAND ? 1 : 0, positive: sentiment >= SENTIMENT_NEUTRAL_BAND ? 1 : 0 });
    }
    group.counts = addSurveyCounts(group.counts, { ...EMPTY_SURVEY_COUNTS, ...add });
  }
  return [...groups.values()].map((g) => ({ ...g.row, counts: { ...g.counts, responses: g.responses.size } })).sort(bySurveyGroup);
}
