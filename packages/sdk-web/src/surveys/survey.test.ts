import { describe, expect, it } from 'vitest';
import { nextQuestion, type Survey } from './survey.ts';

const survey: Survey = {
  id: 's1',
  questions: [
    { id: 'score', type: 'nps', prompt: 'How likely are you to recommend us?', branching: [{ when: { scoreAtMost: 6 }, goTo: 'why' }, { when: { scoreAtLeast: 9 }, goTo: 'end' }] },
    { id: 'passive', type: 'text', prompt: 'What would make it a 10?', branching: [{ when: {}, goTo: 'end' }] },
    { id: 'why', type: 'single_choice', prompt: 'What went wrong?', choices: ['Delivery', 'Price'], branching: [{ when: { choice: 'Delivery' }, goTo: 'delivery' }] },
    { id: 'other', type: 'text', prompt: 'Tell us more' },
    { id: 'delivery', type: 'text', prompt: 'What happened with the delivery?' },
  ],
};
const q = (id: string) => survey.questions.find((x) => x.id === id)!;

describe('nextQuestion', () => {
  it('follows the first branching rule that holds', () => {
    expect(nextQuestion(survey, q('score'), { questionId: 'score', score: 3 })?.id).toBe('why');
    expect(nextQuestion(survey, q('score'), { questionId: 'score', score: 6 })?.id).toBe('why');
    expect(nextQuestion(survey, q('score'), { questionId: 'score', score: 10 })).toBeNull();
    expect(nextQuestion(survey, q('why'), { questionId: 'why', choice: 'Delivery' })?.id).toBe('delivery');
  });

  it('goes on to the next question when no rule holds, or when the question was skipped', () => {
    expect(nextQuestion(survey, q('score'), { questionId: 'score', score: 7 })?.id).toBe('passive');
    expect(nextQuestion(survey, q('why'), { questionId: 'why', choice: 'Price' })?.id).toBe('other');
    expect(nextQuestion(survey, q('why'), null)?.id).toBe('other');
  });

  it('ends after the last question, and where a rule says so', () => {
    expect(nextQuestion(survey, q('passive'), { questionId: 'passive', text: 'faster' })).toBeNull();
    expect(nextQuestion(survey, q('delivery'), { questionId: 'delivery', text: 'late' })).toBeNull();
  });
});
