import { describe, expect, it } from 'vitest';
import { validateSurvey } from './validate-survey.ts';

const valid = () => ({
  name: 'Checkout feedback',
  status: 'active',
  questions: [
    { id: 'nps', type: 'nps', prompt: 'How likely are you to recommend us?', required: true, branching: [{ when: { scoreAtMost: 6 }, goTo: 'why' }, { when: { scoreAtLeast: 9 }, goTo: 'end' }] },
    { id: 'pick', type: 'single_choice', prompt: 'What did you buy?', choices: ['Shoes', 'Shirts'], branching: [{ when: { choice: 'Shoes' }, goTo: 'end' }] },
    { id: 'why', type: 'text', prompt: 'What went wrong?' },
  ],
  targeting: { trigger: { event: { event: 'Order Completed' } }, sampleRate: 0.5, frequencyCapDays: 30, pages: ['^/checkout'] },
  theme: { accent: '#0a7', position: 'bottom-right' },
  touchpointId: 'checkout',
});

const errorOf = (input: unknown) => {
  const r = validateSurvey(input);
  if (r.kind === 'ok') throw new Error('expected an error');
  return { code: r.error.code, path: r.error.path };
};

describe('validateSurvey', () => {
  it('accepts a complete survey, with an event or a touchpoint trigger', () => {
    expect(validateSurvey(valid()).kind).toBe('ok');
    expect(validateSurvey({ ...valid(), targeting: { trigger: { journeyId: 'shop', touchpointId: 'checkout' }, sampleRate: 1, frequencyCapDays: 0 } }).kind).toBe('ok');
  });

  it('names the field of a shape error', () => {
    expect(errorOf({ ...valid(), status: 'live' })).toEqual({ code: 'WM_SURVEY_INVALID', path: 'status' });
    expect(errorOf({ ...valid(), questions: [] }).path).toBe('questions');
    expect(errorOf({ ...valid(), targeting: { ...valid().targeting, sampleRate: 1.5 } }).path).toBe('targeting.sampleRate');
    expect(errorOf({ ...valid(), extra: 1 }).code).toBe('WM_SURVEY_INVALID');
  });

  it('refuses duplicate question ids and the reserved id "end"', () => {
    const s = valid();
    s.questions[2]!.id = 'nps';
    expect(errorOf(s).path).toBe('questions[2].id');
    const t = valid();
    t.questions[2]!.id = 'end';
    t.questions[0]!.branching = [];
    expect(errorOf(t).path).toBe('questions[2].id');
  });

  it('wants choices exactly on choice questions', () => {
    const s = valid();
    delete (s.questions[1] as { choices?: string[] }).choices;
    expect(errorOf(s).path).toBe('questions[1].choices');
    const t = valid();
    (t.questions[2] as { choices?: string[] }).choices = ['a', 'b'];
    expect(errorOf(t).path).toBe('questions[2].choices');
  });

  it('refuses branching backwards, to itself or to a missing question: no cycles', () => {
    const back = valid();
    back.questions[1]!.branching = [{ when: { choice: 'Shoes' }, goTo: 'nps' }];
    expect(errorOf(back).path).toBe('questions[1].branching[0].goTo');
    const self = valid();
    self.questions[1]!.branching = [{ when: { choice: 'Shoes' }, goTo: 'pick' }];
    expect(errorOf(self).path).toBe('questions[1].branching[0].goTo');
    const missing = valid();
    missing.questions[0]!.branching = [{ when: { scoreAtMost: 6 }, goTo: 'nowhere' }];
    expect(errorOf(missing).path).toBe('questions[0].branching[0].goTo');
  });

  it('checks branch conditions against the question', () => {
    const offScale = valid();
    offScale.questions = [{ id: 'c', type: 'csat', prompt: 'Happy?', branching: [{ when: { scoreAtMost: 0 }, goTo: 'end' }] } as never];
    expect(errorOf(offScale).path).toBe('questions[0].branching[0].when.scoreAtMost');
    const notAChoice = valid();
    notAChoice.questions[1]!.branching = [{ when: { choice: 'Hats' }, goTo: 'end' }];
    expect(errorOf(notAChoice).path).toBe('questions[1].branching[0].when.choice');
    const scoreOnText = valid();
    scoreOnText.questions[2]!.branching = [{ when: { scoreAtLeast: 3 }, goTo: 'end' }] as never;
    expect(errorOf(scoreOnText).path).toBe('questions[2].branching[0].when');
    const empty = valid();
    empty.questions[0]!.branching = [{ when: {}, goTo: 'end' }] as never;
    expect(errorOf(empty).path).toBe('questions[0].branching[0].when');
  });

  it('checks page filters, segment conditions and trigger filters', () => {
    const pages = valid();
    pages.targeting.pages = ['(unclosed'];
    expect(errorOf(pages).path).toBe('targeting.pages[0]');
    const segment = { ...valid(), targeting: { ...valid().targeting, segment: { all: [{ property: 'plan', op: 'in', value: 'pro' }] } } };
    expect(errorOf(segment).path).toBe('targeting.segment.all[0].value');
    const trigger = { ...valid(), targeting: { ...valid().targeting, trigger: { event: { event: 'Order Completed', where: [{ property: 'total', op: 'exists', value: 1 }] } } } };
    expect(errorOf(trigger).path).toBe('targeting.trigger.event.where[0].value');
  });
});
