/** A survey as the server gives it to the SDK: what to ask, in what order, how it looks. */
export interface Survey {
  readonly id: string;
  readonly name?: string;
  readonly questions: readonly Question[];
  readonly theme?: { readonly accent?: string; readonly position?: 'bottom-right' | 'bottom-left' | 'center' };
}

export type QuestionType = 'nps' | 'csat' | 'ces' | 'single_choice' | 'multiple_choice' | 'text';

export interface Question {
  readonly id: string;
  readonly type: QuestionType;
  readonly prompt: string;
  readonly choices?: readonly string[];
  readonly required?: boolean;
  readonly branching?: readonly { readonly when: { scoreAtMost?: number; scoreAtLeast?: number; choice?: string }; readonly goTo: string }[];
}

export interface Answer {
  questionId: string;
  score?: number;
  choice?: string;
  choices?: string[];
  text?: string;
}

/** The scale of a score question, and the words at its ends. */
export const SCALES: Partial<Record<QuestionType, { min: number; max: number; low: string; high: string }>> = {
  nps: { min: 0, max: 10, low: 'Not at all likely', high: 'Extremely likely' },
  csat: { min: 1, max: 5, low: 'Very unsatisfied', high: 'Very satisfied' },
  ces: { min: 1, max: 7, low: 'Very difficult', high: 'Very easy' },
};

/** The question after `current` given its answer: the first branching rule that holds, else the next one; null at the end. */
export function nextQuestion(survey: Survey, current: Question, answer: Answer | null): Question | null {
  for (const rule of current.branching ?? []) {
    const { scoreAtMost, scoreAtLeast, choice } = rule.when;
    const holds =
      answer !== null &&
      (scoreAtMost === undefined || (answer.score !== undefined && answer.score <= scoreAtMost)) &&
      (scoreAtLeast === undefined || (answer.score !== undefined && answer.score >= scoreAtLeast)) &&
      (choice === undefined || answer.choice === choice || (answer.choices ?? []).includes(choice));
    if (holds) return rule.goTo === 'end' ? null : (survey.questions.find((q) => q.id === rule.goTo) ?? null);
  }
  const index = survey.questions.indexOf(current);
  return survey.questions[index + 1] ?? null;
}
