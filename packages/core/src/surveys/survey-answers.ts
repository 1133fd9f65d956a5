import { Type, type Static } from '@sinclair/typebox';
import { WaymarkError } from '../errors/waymark-error.ts';
import type { SegmentMessage } from '../events/segment-schema.ts';
import { isScoreQuestion, SCORE_SCALES, surveyTouchpoint, type Survey } from './survey.schema.ts';

export const SurveyAnswer = Type.Object(
  {
    questionId: Type.String({ minLength: 1, maxLength: 64 }),
    score: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    choice: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    choices: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type SurveyAnswer = Static<typeof SurveyAnswer>;

/** The channel survey events carry, and their names. */
export const SURVEY_CHANNEL = 'survey';
export const SURVEY_ANSWERED = 'Survey Answered';
export const SURVEY_SHOWN = 'Survey Shown';

/**
 * Checks answers against the survey, naming the bad field (`answers[2].score`): each question
 * answered at most once, with the kind of answer its type takes, scores on its scale, choices
 * among its choices. Required questions must be answered unless branching skipped them, which
 * is why only the first question's `required` is enforced here: later ones depend on the path.
 */
export function checkSurveyAnswers(survey: Survey, answers: readonly SurveyAnswer[], at = 'answers'): WaymarkError | null {
  const invalid = (path: string, message: string) => new WaymarkError('WM_SURVEY_ANSWER_INVALID', path, `${path}: ${message}`);
  if (answers.length === 0) return invalid(at, 'at least one answer is needed');
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  const answered = new Set<string>();
  for (const [i, a] of answers.entries()) {
    const path = `${at}[${i}]`;
    const q = questions.get(a.questionId);
    if (!q) return invalid(`${path}.questionId`, `no question "${a.questionId}" in this survey`);
    if (answered.has(q.id)) return invalid(`${path}.questionId`, `question "${q.id}" is answered twice`);
    answered.add(q.id);
    const given = (['score', 'choice', 'choices', 'text'] as const).filter((k) => a[k] !== undefined);
    const expected = isScoreQuestion(q.type) ? 'score' : q.type === 'single_choice' ? 'choice' : q.type === 'multiple_choice' ? 'choices' : 'text';
    const extra = given.find((k) => k !== expected);
    if (extra) return invalid(`${path}.${extra}`, `a ${q.type} question takes "${expected}"`);
    if (!given.includes(expected)) return invalid(`${path}.${expected}`, `a ${q.type} question takes "${expected}"`);
    if (isScoreQuestion(q.type)) {
      const { min, max } = SCORE_SCALES[q.type];
      if (a.score! < min || a.score! > max) return invalid(`${path}.score`, `${q.type} scores run from ${min} to ${max}`);
    }
    if (a.choice !== undefined && !q.choices!.includes(a.choice)) return invalid(`${path}.choice`, `"${a.choice}" is not one of the choices`);
    const bad = (a.choices ?? []).findIndex((c) => !q.choices!.includes(c));
    if (bad >= 0) return invalid(`${path}.choices[${bad}]`, `"${a.choices![bad]}" is not one of the choices`);
    if (a.choices && new Set(a.choices).size !== a.choices.length) return invalid(`${path}.choices`, 'a choice is given twice');
  }
  const firstQuestion = survey.questions[0]!;
  if (firstQuestion.required && !answered.has(firstQuestion.id)) return invalid(at, `question "${firstQuestion.id}" is required`);
  return null;
}

/** Who answered or saw a survey, and where. */
export interface SurveyRespondent {
  readonly anonymousId?: string | undefined;
  readonly userId?: string | undefined;
  readonly page?: Readonly<Record<string, unknown>> | undefined;
}

const identity = (who: SurveyRespondent) => ({ ...(who.anonymousId && { anonymousId: who.anonymousId }), ...(who.userId && { userId: who.userId }) });
const context = (who: SurveyRespondent) => ({ channel: SURVEY_CHANNEL, ...(who.page && { page: who.page }) });

/**
 * One `Survey Answered` track message per answered question, so every answer is an event of
 * the person (and of their session, by the same anonymous id) tied to the survey's touchpoint.
 * `responseId` groups the answers of one submission; `sentiment` (from -1 to 1) is given for
 * open answers when text analysis scored them. Message ids derive from the response id, so a
 * retried submission is stored once.
 */
export function surveyAnswerMessages(
  survey: Survey,
  answers: readonly SurveyAnswer[],
  who: SurveyRespondent,
  responseId: string,
  sentiment: (text: string) => number | null = () => null,
): SegmentMessage[] {
  const types = new Map(survey.questions.map((q) => [q.id, q.type]));
  const touchpoint = surveyTouchpoint(survey);
  return answers.map((a) => {
    const score = a.text === undefined ? null : sentiment(a.text);
    return {
      type: 'track',
      event: SURVEY_ANSWERED,
      messageId: `${responseId}:${a.questionId}`,
      ...identity(who),
      context: context(who),
      properties: {
        survey_id: survey.id,
        question_id: a.questionId,
        question_type: types.get(a.questionId)!,
        response_id: responseId,
        ...(a.score !== undefined && { score: a.score }),
        ...(a.choice !== undefined && { choice: a.choice }),
        ...(a.choices !== undefined && { choices: a.choices }),
        ...(a.text !== undefined && { text: a.text }),
        ...(touchpoint !== undefined && { touchpoint_id: touchpoint }),
        ...(score !== null && { sentiment: score }),
      },
    } as SegmentMessage;
  });
}

/** The `Survey Shown` track message a display records. */
export function surveyShownMessage(survey: Survey, who: SurveyRespondent, messageId: string): SegmentMessage {
  const touchpoint = surveyTouchpoint(survey);
  return {
    type: 'track',
    event: SURVEY_SHOWN,
    messageId,
    ...identity(who),
    context: context(who),
    properties: { survey_id: survey.id, ...(touchpoint !== undefined && { touchpoint_id: touchpoint }) },
  } as SegmentMessage;
}
