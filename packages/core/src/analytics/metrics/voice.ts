import type { AnalysisEvent } from '../analysis-event.ts';
import { matchesCondition } from '../matchers/match-event.ts';
import { compileCondition } from '../sql/compile-matcher.ts';
import { inWindow, numberOf, perKey, type MetricImplementation, type ReferenceContext, type SqlContext } from './metric-context.ts';

/**
 * Voice-of-the-customer metrics (survey scores): the reference and the SQL of each side by side,
 * the definitions in metric-definitions.ts. Each reads the responses of one survey type with a
 * numeric score in the scale's range, and counts per response `[numerator, denominator]`.
 */

interface Survey {
  readonly type: 'nps' | 'csat' | 'ces';
  /** Scores outside are not responses (null: any number). */
  readonly range: readonly [number, number] | null;
  /** A response's contribution to the numerator, in JS and as SQL over the score `s`. */
  count(score: number): number;
  readonly countSql: string;
}

const SURVEYS = {
  nps: { type: 'nps', range: [0, 10], count: (s) => (s >= 9 ? 1 : s <= 6 ? -1 : 0), countSql: 'CASE WHEN s >= 9 THEN 1 WHEN s <= 6 THEN -1 ELSE 0 END' },
  csat: { type: 'csat', range: [1, 5], count: (s) => (s >= 4 ? 1 : 0), countSql: 'CASE WHEN s >= 4 THEN 1 ELSE 0 END' },
  ces: { type: 'ces', range: null, count: (s) => s, countSql: 's' },
} satisfies Record<string, Survey>;

const ofType = (c: { p: ReferenceContext['p'] }, survey: Survey) => ({ property: c.p.surveyTypeProperty, op: 'eq' as const, value: survey.type });

function score(c: ReferenceContext, survey: Survey, e: AnalysisEvent): number | null {
  if (!inWindow(c, e) || e.event !== c.p.surveyEvent || !matchesCondition(ofType(c, survey), e)) return null;
  const s = numberOf(e, c.p.scoreProperty);
  if (s === null || (survey.range && (s < survey.range[0] || s > survey.range[1]))) return null;
  return s;
}

const surveyMetric = (survey: Survey): MetricImplementation => ({
  reference: (c) =>
    perKey(c.events, c.key, (e) => {
      const s = score(c, survey, e);
      return s === null ? null : [survey.count(s), 1];
    }),
  sql: (c: SqlContext) => `SELECT k, sum(${survey.countSql}) AS numerator, count(*) AS denominator FROM (
      SELECT ${c.key} AS k, ${c.number(c.p.scoreProperty)} AS s FROM events_resolved
      WHERE ${c.project} AND ${c.inWindow} AND event = ${c.d.string(c.p.surveyEvent)} AND ${compileCondition(c.d, ofType(c, survey))}
    ) AS responses WHERE s IS NOT NULL${survey.range ? ` AND s >= ${survey.range[0]} AND s <= ${survey.range[1]}` : ''} GROUP BY k`,
});

export const VOICE_METRICS = {
  nps: surveyMetric(SURVEYS.nps),
  csat: surveyMetric(SURVEYS.csat),
  ces: surveyMetric(SURVEYS.ces),
} satisfies Record<string, MetricImplementation>;
