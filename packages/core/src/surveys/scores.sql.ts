import type { CompiledAnalysis } from '../analytics/compiled-analysis.ts';
import type { SqlDialect } from '../analytics/sql/dialect.ts';
import { SENTIMENT_NEUTRAL_BAND } from './scores.ts';
import { bySurveyGroup, type SurveyCountsRow, type SurveyScoresPlan } from './scores.plan.ts';
import { SURVEY_ANSWERED, SURVEY_SHOWN } from './survey-answers.ts';

/**
 * Survey counts per period and touchpoint in one pass over `events_resolved`, the same
 * numbers as `surveyCountsReference`. `personsSql` (a `SELECT person_id ...`) restricts them to
 * a persona or segment.
 */
export function compileSurveyCounts(d: SqlDialect, plan: SurveyScoresPlan, personsSql: string | null = null): CompiledAnalysis<SurveyCountsRow[]> {
  const text = (name: string) => d.propertyText(name);
  const score = d.propertyNumber('score');
  const sentiment = d.propertyNumber('sentiment');
  const answered = `event = ${d.string(SURVEY_ANSWERED)}`;
  // Existence by JSON kind: some engines read a missing number as 0.
  const isNumber = (name: string) => `${d.propertyKind(name)} = 'number'`;
  const scored = (type: string) => `${answered} AND ${text('question_type')} = ${d.string(type)} AND ${isNumber('score')}`;
  const felt = `${answered} AND ${isNumber('sentiment')}`;
  const count = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const band = d.number(SENTIMENT_NEUTRAL_BAND);
  const where = [
    `project_id = ${d.string(plan.projectId)}`,
    `event IN (${d.string(SURVEY_ANSWERED)}, ${d.string(SURVEY_SHOWN)})`,
    `timestamp >= ${d.timestamp(plan.from)}`,
    `timestamp < ${d.timestamp(plan.to)}`,
    ...(plan.surveyId === null ? [] : [`${text('survey_id')} = ${d.string(plan.surveyId)}`]),
    ...(personsSql === null ? [] : [`person_id IN (${personsSql})`]),
  ];
  const sql = `SELECT period, touchpoint,
      ${count(`event = ${d.string(SURVEY_SHOWN)}`)} AS shown,
      count(DISTINCT CASE WHEN ${answered} THEN ${text('response_id')} END) AS responses,
      ${count(scored('nps'))} AS nps_n,
      ${count(`${scored('nps')} AND ${score} >= 9`)} AS promoters,
      ${count(`${scored('nps')} AND ${score} <= 6`)} AS detractors,
      ${count(scored('csat'))} AS csat_n,
      ${count(`${scored('csat')} AND ${score} >= 4`)} AS satisfied,
      ${count(scored('ces'))} AS ces_n,
      sum(CASE WHEN ${scored('ces')} THEN ${score} ELSE 0 END) AS ces_sum,
      ${count(felt)} AS sentiment_n,
      ${count(`${felt} AND ${sentiment} <= -${band}`)} AS negative,
      ${count(`${felt} AND ${sentiment} >= ${band}`)} AS positive,
      sum(CASE WHEN ${felt} THEN ${sentiment} ELSE 0 END) AS sentiment_sum
    FROM (
      SELECT *, ${plan.interval === null ? `''` : d.bucket(plan.interval, plan.timeZone)} AS period, coalesce(${text('touchpoint_id')}, '') AS touchpoint
      FROM events_resolved WHERE ${where.join(' AND ')}
    ) survey_events
    GROUP BY period, touchpoint`;
  return {
    queries: [sql],
    shape: ([rows = []]) =>
      rows
        .map((r) => ({
          period: String(r['period']),
          touchpoint: String(r['touchpoint']),
          counts: {
            shown: Number(r['shown']),
            responses: Number(r['responses']),
            npsN: Number(r['nps_n']),
            promoters: Number(r['promoters']),
            detractors: Number(r['detractors']),
            csatN: Number(r['csat_n']),
            satisfied: Number(r['satisfied']),
            cesN: Number(r['ces_n']),
            cesSum: Number(r['ces_sum']),
            sentimentN: Number(r['sentiment_n']),
            negative: Number(r['negative']),
            positive: Number(r['positive']),
            sentimentSum: Number(r['sentiment_sum']),
          },
        }))
        .sort(bySurveyGroup),
  };
}
