import { describe, expect, it } from 'vitest';
import { cesScore, csatScore, emotionFromScores, EMPTY_SURVEY_COUNTS, npsScore, surveyResponseRate, summarizeSurveyCounts } from './scores.ts';
import { surveyCountsReference } from './scores.reference.ts';
import { shapeSurveyScores } from './scores.shape.ts';
import type { AnalysisEvent } from '../analytics/analysis-event.ts';

describe('npsScore', () => {
  it('is null with no answers', () => {
    expect(npsScore({ n: 0, promoters: 0, detractors: 0 })).toBeNull();
  });

  it('is 100 with a zero-width interval when everyone promotes', () => {
    expect(npsScore({ n: 7, promoters: 7, detractors: 0 })).toEqual({ score: 100, promoters: 7, passives: 0, detractors: 0, n: 7, ci: { low: 100, high: 100 } });
  });

  it('matches a hand-computed case: 10 answers, 5 promoters, 2 detractors', () => {
    // p+ = .5, p- = .2, d = .3; var = (.7 - .09) / 10 = .061; se = .246982; half = 1.959964 * se = .484075
    const s = npsScore({ n: 10, promoters: 5, detractors: 2 })!;
    expect(s.score).toBe(30);
    expect(s.passives).toBe(3);
    expect(s.ci.low).toBeCloseTo(-18.4075, 3);
    expect(s.ci.high).toBeCloseTo(78.4075, 3);
  });

  it('clamps the interval to [-100, 100]', () => {
    // p+ = 0, p- = .5: var = (.5 - .25) / 2 = .125, half = .6930 -> -50 - 69.3 < -100
    const s = npsScore({ n: 2, promoters: 0, detractors: 1 })!;
    expect(s.score).toBe(-50);
    expect(s.ci.low).toBe(-100);
    expect(s.ci.high).toBeCloseTo(19.2951, 3);
  });
});

describe('csat, ces, response rate, emotion', () => {
  it('computes CSAT as the share of 4-5 answers and CES as the mean', () => {
    expect(csatScore({ n: 4, satisfied: 3 })).toEqual({ score: 75, n: 4 });
    expect(csatScore({ n: 0, satisfied: 0 })).toBeNull();
    expect(cesScore({ n: 3, sum: 16 })).toEqual({ score: 5.3333, n: 3 });
    expect(cesScore({ n: 0, sum: 0 })).toBeNull();
  });

  it('divides responses by displays, null without displays', () => {
    expect(surveyResponseRate(3, 12)).toBe(0.25);
    expect(surveyResponseRate(3, 0)).toBeNull();
  });

  it('maps each score onto -2..2 and averages them', () => {
    expect(emotionFromScores({})).toBeNull();
    expect(emotionFromScores({ nps: { score: 100 } })).toBe(2);
    expect(emotionFromScores({ csat: { score: 25 } })).toBe(-1);
    expect(emotionFromScores({ ces: { score: 7 } })).toBe(2);
    expect(emotionFromScores({ sentiment: { mean: -0.5 } })).toBe(-1);
    // (0 + 1 + -2) / 3
    expect(emotionFromScores({ nps: { score: 0 }, csat: { score: 75 }, ces: { score: 1 } })).toBe(-0.33);
  });

  it('leaves out scores nobody answered', () => {
    expect(summarizeSurveyCounts({ ...EMPTY_SURVEY_COUNTS, shown: 4 })).toEqual({ responses: 0, shown: 4, responseRate: 0, emotion: null });
  });
});

describe('surveyCountsReference and shapeSurveyScores', () => {
  const at = Date.parse('2026-05-04T10:00:00Z');
  let seq = 0;
  const ev = (event: string, properties: Record<string, unknown>, dayOffset = 0, person = 'p1'): AnalysisEvent => ({
    personId: person, event, timestamp: at + dayOffset * 86_400_000, sessionId: null, channel: 'survey', properties, seq: seq++,
  });
  const answer = (response: string, type: string, score: number | undefined, touchpoint: string, day = 0, extra: Record<string, unknown> = {}) =>
    ev('Survey Answered', { survey_id: 's1', question_id: type, question_type: type, response_id: response, touchpoint_id: touchpoint, ...(score !== undefined && { score }), ...extra }, day);
  const events = [
    ev('Survey Shown', { survey_id: 's1', touchpoint_id: 'checkout' }),
    ev('Survey Shown', { survey_id: 's1', touchpoint_id: 'checkout' }),
    ev('Survey Shown', { survey_id: 's1', touchpoint_id: 'checkout' }, 7),
    ev('Survey Shown', { survey_id: 's1', touchpoint_id: 'delivery' }, 7),
    answer('r1', 'nps', 10, 'checkout'),
    answer('r1', 'csat', 5, 'checkout'),
    answer('r2', 'nps', 3, 'checkout', 7),
    answer('r2', 'text', undefined, 'checkout', 7, { text: 'slow', sentiment: -0.6 }),
    answer('r3', 'nps', 8, 'delivery', 7),
    answer('r3', 'ces', 2, 'delivery', 7),
    ev('Survey Answered', { survey_id: 'other', question_type: 'nps', score: 0, response_id: 'x' }),
    ev('Order Completed', { survey_id: 's1' }),
  ];
  const plan = { kind: 'survey_scores' as const, projectId: 'p', surveyId: 's1', from: at - 86_400_000, to: at + 30 * 86_400_000, interval: 'week' as const, timeZone: 'UTC' };

  it('counts per week and touchpoint, and shapes hand-computed scores', () => {
    const rows = surveyCountsReference(events, plan);
    expect(rows.map((r) => [r.period, r.touchpoint, r.counts.shown, r.counts.responses])).toEqual([
      ['2026-05-04', 'checkout', 2, 1],
      ['2026-05-11', 'checkout', 1, 1],
      ['2026-05-11', 'delivery', 1, 1],
    ]);
    const scores = shapeSurveyScores(rows, (t) => (t === 'checkout' ? 'buy' : t === 'delivery' ? 'receive' : null));
    // NPS answers 10, 3, 8: one promoter, one detractor, n = 3 -> 0
    expect(scores.overall.nps?.score).toBe(0);
    expect(scores.overall.responses).toBe(3);
    expect(scores.overall.shown).toBe(4);
    expect(scores.overall.responseRate).toBe(0.75);
    expect(scores.overall.csat).toEqual({ score: 100, n: 1 });
    expect(scores.overall.ces).toEqual({ score: 2, n: 1 });
    expect(scores.overall.sentiment).toEqual({ negative: 1, neutral: 0, positive: 0, mean: -0.6 });
    const checkout = scores.byTouchpoint.find((t) => t.touchpointId === 'checkout')!;
    expect(checkout.nps?.score).toBe(0);
    expect(checkout.responses).toBe(2);
    expect(scores.byStage.map((s) => [s.stageId, s.nps?.score])).toEqual([['buy', 0], ['receive', 0]]);
    expect(scores.overTime.map((p) => [p.period, p.nps?.score, p.responses])).toEqual([['2026-05-04', 100, 1], ['2026-05-11', -50, 2]]);
  });

  it('keeps to the range and the survey; no interval gives one period', () => {
    const rows = surveyCountsReference(events, { ...plan, to: at + 86_400_000, interval: null });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.period).toBe('');
    expect(rows[0]!.counts.npsN).toBe(1);
    expect(surveyCountsReference(events, { ...plan, surveyId: null, interval: null }).reduce((n, r) => n + r.counts.npsN, 0)).toBe(4);
  });
});
