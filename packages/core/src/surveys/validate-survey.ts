import { Value } from '@sinclair/typebox/value';
import { checkCondition, checkMatcher } from '../analytics/validate-spec.ts';
import { WaymarkError } from '../errors/waymark-error.ts';
import { pointerToPath } from '../journey/validate-journey-map.ts';
import { END_OF_SURVEY, isScoreQuestion, SCORE_SCALES, SurveyInput, type SurveyQuestion } from './survey.schema.ts';

export type ValidateSurveyResult = { readonly kind: 'ok'; readonly survey: SurveyInput } | { readonly kind: 'error'; readonly error: WaymarkError };

const CHOICE_TYPES = new Set(['single_choice', 'multiple_choice']);

/**
 * Checks a survey: its shape against `SurveyInput`, then what a schema cannot say (unique
 * question ids, choices exactly on choice questions, branching that only jumps forward to an
 * existing question or "end" so the flow can never loop, conditions that fit the question,
 * page filters that compile). The first problem is reported with the path of the bad field.
 *
 * @example
 * const r = validateSurvey(body);
 * if (r.kind === 'error') throw r.error; // path: "questions[1].branching[0].goTo"
 */
export function validateSurvey(input: unknown): ValidateSurveyResult {
  const fail = (path: string, message: string): ValidateSurveyResult => ({
    kind: 'error',
    error: new WaymarkError('WM_SURVEY_INVALID', path || null, path ? `${path}: ${message}` : message),
  });
  const first = Value.Errors(SurveyInput, input).First();
  if (first) return fail(pointerToPath(first.path), first.message);
  const survey = input as SurveyInput;

  const seen = new Map<string, number>();
  for (const [i, q] of survey.questions.entries()) {
    if (seen.has(q.id)) return fail(`questions[${i}].id`, `question id "${q.id}" is used twice`);
    if (q.id === END_OF_SURVEY) return fail(`questions[${i}].id`, `"${END_OF_SURVEY}" is reserved for branching`);
    seen.set(q.id, i);
  }
  for (const [i, q] of survey.questions.entries()) {
    const problem = checkQuestion(q, `questions[${i}]`, i, seen);
    if (problem) return fail(problem.path, problem.message);
  }

  const t = survey.targeting;
  if ('event' in t.trigger) {
    const problem = checkMatcher(t.trigger.event, 'targeting.trigger.event');
    if (problem) return fail(problem.path ?? 'targeting.trigger.event', problem.message);
  }
  for (const group of ['all', 'any'] as const) {
    for (const [i, c] of (t.segment?.[group] ?? []).entries()) {
      const at = `targeting.segment.${group}[${i}]`;
      const problem = checkCondition({ property: c.property, op: c.op, ...(c.value !== undefined && { value: c.value }) }, at);
      if (problem) return fail(problem.path ?? at, problem.message);
    }
  }
  for (const [i, page] of (t.pages ?? []).entries()) {
    try {
      new RegExp(page);
    } catch {
      return fail(`targeting.pages[${i}]`, `"${page}" is not a valid regular expression`);
    }
  }
  return { kind: 'ok', survey };
}

function checkQuestion(q: SurveyQuestion, at: string, index: number, ids: ReadonlyMap<string, number>): { path: string; message: string } | null {
  const isChoice = CHOICE_TYPES.has(q.type);
  if (isChoice && !q.choices) return { path: `${at}.choices`, message: `a ${q.type} question needs at least two choices` };
  if (!isChoice && q.choices) return { path: `${at}.choices`, message: `a ${q.type} question has no choices` };
  if (q.choices && new Set(q.choices).size !== q.choices.length) return { path: `${at}.choices`, message: 'choices must be different' };
  for (const [j, rule] of (q.branching ?? []).entries()) {
    const r = `${at}.branching[${j}]`;
    const { scoreAtMost, scoreAtLeast, choice } = rule.when;
    if (scoreAtMost === undefined && scoreAtLeast === undefined && choice === undefined) {
      return { path: `${r}.when`, message: 'a branch needs scoreAtMost, scoreAtLeast or choice' };
    }
    if (scoreAtMost !== undefined || scoreAtLeast !== undefined) {
      if (!isScoreQuestion(q.type)) return { path: `${r}.when`, message: `a ${q.type} question has no score to branch on` };
      const scale = SCORE_SCALES[q.type];
      for (const [name, value] of [['scoreAtMost', scoreAtMost], ['scoreAtLeast', scoreAtLeast]] as const) {
        if (value !== undefined && (value < scale.min || value > scale.max)) {
          return { path: `${r}.when.${name}`, message: `${q.type} scores run from ${scale.min} to ${scale.max}` };
        }
      }
    }
    if (choice !== undefined) {
      if (!isChoice) return { path: `${r}.when.choice`, message: `a ${q.type} question has no choices to branch on` };
      if (!q.choices!.includes(choice)) return { path: `${r}.when.choice`, message: `"${choice}" is not one of the question's choices` };
    }
    if (rule.goTo === END_OF_SURVEY) continue;
    const target = ids.get(rule.goTo);
    if (target === undefined) return { path: `${r}.goTo`, message: `no question "${rule.goTo}" in this survey` };
    // Jumps only go forward, so every path through the survey ends: no cycles are possible.
    if (target <= index) return { path: `${r}.goTo`, message: `"${rule.goTo}" is not after this question: branching only jumps forward` };
  }
  return null;
}
