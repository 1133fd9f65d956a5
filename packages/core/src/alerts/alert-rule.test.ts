import { describe, expect, it } from 'vitest';
import { alertMatches, sentimentLabelOf, validateAlertRule } from './alert-rule.schema.ts';

const answered = (properties: Record<string, unknown>) => ({ event: 'Survey Answered', channel: 'survey', properties });

describe('alertMatches', () => {
  it('matches survey answers by score bounds, survey, touchpoint and question', () => {
    const when = { survey: { surveyId: 's1', touchpointId: 'checkout', scoreAtMost: 6 } };
    expect(alertMatches(when, answered({ survey_id: 's1', touchpoint_id: 'checkout', score: 6 }))).toBe(true);
    expect(alertMatches(when, answered({ survey_id: 's1', touchpoint_id: 'checkout', score: 7 }))).toBe(false);
    expect(alertMatches(when, answered({ survey_id: 's2', touchpoint_id: 'checkout', score: 1 }))).toBe(false);
    expect(alertMatches(when, answered({ survey_id: 's1', touchpoint_id: 'delivery', score: 1 }))).toBe(false);
    expect(alertMatches(when, answered({ survey_id: 's1', touchpoint_id: 'checkout', text: 'bad' }))).toBe(false);
    expect(alertMatches(when, { ...answered({ survey_id: 's1', touchpoint_id: 'checkout', score: 1 }), event: 'Survey Shown' })).toBe(false);
    expect(alertMatches({ survey: { scoreAtLeast: 9, questionId: 'nps' } }, answered({ question_id: 'nps', score: 10 }))).toBe(true);
    expect(alertMatches({ survey: { scoreAtLeast: 9, questionId: 'nps' } }, answered({ question_id: 'other', score: 10 }))).toBe(false);
  });

  it('matches text by channel, sentiment (stored or scored now) and theme', () => {
    const when = { text: { channel: 'support', sentiment: 'negative' as const } };
    const ticket = (properties: Record<string, unknown>, channel = 'support') => ({ event: 'Ticket Created', channel, properties });
    expect(alertMatches(when, ticket({ text: 'awful', sentiment: -0.7 }))).toBe(true);
    expect(alertMatches(when, ticket({ text: 'fine', sentiment: 0.01 }))).toBe(false);
    expect(alertMatches(when, ticket({ text: 'awful', sentiment: -0.7 }, 'web'))).toBe(false);
    expect(alertMatches(when, ticket({ sentiment: -0.7 }))).toBe(false);
    expect(alertMatches(when, ticket({ text: 'awful' }), () => -0.5)).toBe(true);
    expect(alertMatches(when, ticket({ text: 'awful' }))).toBe(false);
    const themed = { text: { sentiment: 'negative' as const, theme: 'delivery' } };
    expect(alertMatches(themed, ticket({ text: 'late', sentiment: 'negative', themes: ['delivery', 'price'] }))).toBe(true);
    expect(alertMatches(themed, ticket({ text: 'late', sentiment: 'negative', theme: 'delivery' }))).toBe(true);
    expect(alertMatches(themed, ticket({ text: 'late', sentiment: 'negative', themes: ['price'] }))).toBe(false);
  });

  it('labels sentiment scores with the ±0.05 cut', () => {
    expect([-0.05, -0.049, 0, 0.049, 0.05].map(sentimentLabelOf)).toEqual(['negative', 'neutral', 'neutral', 'neutral', 'positive']);
    expect(sentimentLabelOf('positive')).toBe('positive');
    expect(sentimentLabelOf('angry')).toBeNull();
  });
});

describe('validateAlertRule', () => {
  const rule = { name: 'Detractors', when: { survey: { scoreAtMost: 6 } }, notify: [{ webhook: 'https://hooks.example.com/x' }, { email: 'cx@example.com' }] };
  const pathOf = (input: unknown) => {
    const r = validateAlertRule(input);
    return r.kind === 'error' ? r.error.path : 'ok';
  };
  it('accepts a rule and names the bad field of a wrong one', () => {
    expect(pathOf(rule)).toBe('ok');
    expect(pathOf({ ...rule, notify: [] })).toBe('notify');
    expect(pathOf({ ...rule, when: { survey: { scoreAtMost: 'low' } } })).toBe('when.survey.scoreAtMost');
    expect(pathOf({ ...rule, when: { text: {} } })).toBe('when.text.sentiment');
    expect(pathOf({ ...rule, when: {} })).toBe('when');
  });
});
