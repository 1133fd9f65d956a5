import { describe, expect, it } from 'vitest';
import type { SurveyDefinition, SurveyScores } from '../api/insight-types.ts';
import { draftToSurvey, newDraft, scoreLine, surveyScoreType, withStatus } from './survey-draft.ts';

describe('the survey form', () => {
  const filled = { ...newDraft('shop', 'checkout'), name: ' After checkout ', type: 'csat' as const, prompt: 'How was checkout?', samplePercent: 25, frequencyCapDays: 14, active: true };

  it('makes a score question with an open follow-up, shown at the touchpoint and tied to it', () => {
    const check = draftToSurvey(filled);
    expect(check).toEqual({
      kind: 'ok',
      body: {
        name: 'After checkout',
        status: 'active',
        questions: [
          { id: 'csat', type: 'csat', prompt: 'How was checkout?', required: true },
          { id: 'why', type: 'text', prompt: 'What is the main reason for your score?' },
        ],
        targeting: { trigger: { journeyId: 'shop', touchpointId: 'checkout' }, sampleRate: 0.25, frequencyCapDays: 14 },
        touchpointId: 'checkout',
      },
    });
  });

  it('leaves the follow-up out when it is empty, and starts as a draft unless activated', () => {
    const check = draftToSurvey({ ...filled, followUp: '  ', active: false });
    expect(check.kind === 'ok' && check.body['questions']).toHaveLength(1);
    expect(check.kind === 'ok' && check.body['status']).toBe('draft');
  });

  it.each([
    [{ name: ' ' }, 'name'],
    [{ prompt: '' }, 'prompt'],
    [{ touchpointId: '' }, 'touchpointId'],
    [{ journeyId: '' }, 'touchpointId'],
    [{ samplePercent: 101 }, 'samplePercent'],
    [{ samplePercent: Number.NaN }, 'samplePercent'],
    [{ frequencyCapDays: -1 }, 'frequencyCapDays'],
    [{ frequencyCapDays: 1.5 }, 'frequencyCapDays'],
  ])('refuses %j, naming %s', (patch, field) => {
    const check = draftToSurvey({ ...filled, ...patch });
    expect(check.kind).toBe('error');
    expect(check.kind === 'error' && check.field).toBe(field);
  });
});

describe('a stored survey', () => {
  const survey = {
    id: 'after-checkout', name: 'After checkout', status: 'active', createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-02T00:00:00Z',
    questions: [{ id: 'why', type: 'text', prompt: 'Why?' }, { id: 'nps', type: 'nps', prompt: 'Recommend?' }],
    targeting: { trigger: { event: { event: 'Order Completed' } }, sampleRate: 1, frequencyCapDays: 30 },
  } as unknown as SurveyDefinition;

  it('is paused by replacing it without its stored times', () => {
    const body = withStatus(survey, 'paused');
    expect(body['status']).toBe('paused');
    expect(body).not.toHaveProperty('createdAt');
    expect(body).not.toHaveProperty('updatedAt');
    expect(body['questions']).toBe(survey.questions);
  });

  it('is about its first score question', () => {
    expect(surveyScoreType(survey)).toBe('nps');
    expect(surveyScoreType({ ...survey, questions: [{ id: 'why', type: 'text', prompt: 'Why?' }] } as SurveyDefinition)).toBeNull();
  });

  it('charts the score per period in time order, a period without answers as a gap', () => {
    const period = (p: string, nps?: { score: number; low: number; high: number }) => ({
      period: p, responses: nps ? 10 : 0, shown: 0, responseRate: null, emotion: null,
      ...(nps && { nps: { score: nps.score, n: 10, promoters: 5, passives: 2, detractors: 3, ci: { low: nps.low, high: nps.high } } }),
    });
    const scores = { surveyId: 's', from: '', to: '', interval: 'week', overall: period('') , byTouchpoint: [], overTime: [period('2026-03-09', { score: 20, low: -10, high: 50 }), period('2026-03-02'), period('2026-02-23', { score: 40, low: 5, high: 70 })] } as unknown as SurveyScores;
    expect(scoreLine(scores, 'nps')).toEqual({ periods: ['2026-02-23', '2026-03-02', '2026-03-09'], values: [40, null, 20], low: [5, null, -10], high: [70, null, 50], responses: [10, 0, 10] });
    expect(scoreLine(scores, 'csat')).toMatchObject({ values: [null, null, null], low: [], high: [] });
  });
});
