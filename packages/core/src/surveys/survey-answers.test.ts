import { describe, expect, it } from 'vitest';
import { surveyAnswerMessages, checkSurveyAnswers, surveyShownMessage } from './survey-answers.ts';
import { surveyCapped, inSurveySample, surveyPageAllowed, surveySampleDraw, surveyTriggeredBy } from './survey-targeting.ts';
import type { Survey } from './survey.schema.ts';

const survey: Survey = {
  id: 'post-checkout',
  name: 'After checkout',
  status: 'active',
  questions: [
    { id: 'nps', type: 'nps', prompt: 'Recommend us?', required: true },
    { id: 'ease', type: 'ces', prompt: 'Easy?' },
    { id: 'what', type: 'multiple_choice', prompt: 'What?', choices: ['a', 'b', 'c'] },
    { id: 'why', type: 'text', prompt: 'Why?' },
  ],
  targeting: { trigger: { journeyId: 'shop', touchpointId: 'checkout' }, sampleRate: 1, frequencyCapDays: 30 },
};

describe('checkSurveyAnswers', () => {
  const pathOf = (answers: unknown[]) => checkSurveyAnswers(survey, answers as never)?.path;
  it('accepts answers that fit', () => {
    expect(checkSurveyAnswers(survey, [{ questionId: 'nps', score: 0 }, { questionId: 'what', choices: ['a', 'c'] }, { questionId: 'why', text: 'ok' }])).toBeNull();
  });
  it('names the bad answer', () => {
    expect(pathOf([])).toBe('answers');
    expect(pathOf([{ questionId: 'nps', score: 9 }, { questionId: 'nope', score: 1 }])).toBe('answers[1].questionId');
    expect(pathOf([{ questionId: 'nps', score: 9 }, { questionId: 'nps', score: 1 }])).toBe('answers[1].questionId');
    expect(pathOf([{ questionId: 'nps', score: 9 }, { questionId: 'ease', score: 8 }])).toBe('answers[1].score');
    expect(pathOf([{ questionId: 'nps', text: 'great' }])).toBe('answers[0].text');
    expect(pathOf([{ questionId: 'nps', score: 9 }, { questionId: 'what', choices: ['a', 'z'] }])).toBe('answers[1].choices[1]');
    expect(pathOf([{ questionId: 'why', text: 'skipped the first' }])).toBe('answers');
  });
});

describe('answer events', () => {
  it('makes one Survey Answered event per answer, on the survey channel, tied to the touchpoint', () => {
    const messages = surveyAnswerMessages(survey, [{ questionId: 'nps', score: 4 }, { questionId: 'why', text: 'slow' }], { anonymousId: 'a1', userId: 'u1' }, 'resp1', () => -0.4);
    expect(messages).toEqual([
      { type: 'track', event: 'Survey Answered', messageId: 'resp1:nps', anonymousId: 'a1', userId: 'u1', context: { channel: 'survey' }, properties: { survey_id: 'post-checkout', question_id: 'nps', question_type: 'nps', response_id: 'resp1', score: 4, touchpoint_id: 'checkout' } },
      { type: 'track', event: 'Survey Answered', messageId: 'resp1:why', anonymousId: 'a1', userId: 'u1', context: { channel: 'survey' }, properties: { survey_id: 'post-checkout', question_id: 'why', question_type: 'text', response_id: 'resp1', text: 'slow', touchpoint_id: 'checkout', sentiment: -0.4 } },
    ]);
    expect(surveyShownMessage(survey, { anonymousId: 'a1', page: { path: '/x' } }, 'm1')).toEqual({
      type: 'track', event: 'Survey Shown', messageId: 'm1', anonymousId: 'a1', context: { channel: 'survey', page: { path: '/x' } }, properties: { survey_id: 'post-checkout', touchpoint_id: 'checkout' },
    });
  });
});

describe('targeting', () => {
  it('draws the same number for the same person and survey, spread over [0, 1)', () => {
    expect(surveySampleDraw('s', 'u1')).toBe(surveySampleDraw('s', 'u1'));
    expect(surveySampleDraw('s', 'u1')).not.toBe(surveySampleDraw('t', 'u1'));
    const drawn = Array.from({ length: 2000 }, (_, i) => inSurveySample('s', `person-${i}`, 0.3)).filter(Boolean).length;
    expect(drawn).toBeGreaterThan(500);
    expect(drawn).toBeLessThan(700);
    expect(inSurveySample('s', 'u1', 0)).toBe(false);
    expect(inSurveySample('s', 'u1', 1)).toBe(true);
  });
  it('filters pages by any regular expression', () => {
    expect(surveyPageAllowed(undefined, '/a')).toBe(true);
    expect(surveyPageAllowed(['^/checkout', '^/cart$'], '/cart')).toBe(true);
    expect(surveyPageAllowed(['^/checkout'], '/cart')).toBe(false);
  });
  it('matches triggers with their property filters', () => {
    const m = [{ event: 'Order Completed', where: [{ property: 'total', op: 'gt' as const, value: 50 }] }];
    expect(surveyTriggeredBy(m, { event: 'Order Completed', properties: { total: 80 } })).toBe(true);
    expect(surveyTriggeredBy(m, { event: 'Order Completed', properties: { total: 20 } })).toBe(false);
    expect(surveyTriggeredBy(m, { event: 'Cart Viewed' })).toBe(false);
  });
  it('caps within the number of days', () => {
    const day = 86_400_000;
    expect(surveyCapped(null, 10 * day, 30)).toBe(false);
    expect(surveyCapped(0, 29 * day, 30)).toBe(true);
    expect(surveyCapped(0, 30 * day, 30)).toBe(false);
    expect(surveyCapped(0, 1, 0)).toBe(false);
  });
});
