import type { SurveyDefinition, SurveyScores } from '../api/insight-types.ts';

/** The survey form as data: what a person fills in, and the definition the API takes (docs/surveys.md). */

export const SCORE_TYPES = ['nps', 'csat', 'ces'] as const;
export type ScoreType = (typeof SCORE_TYPES)[number];

export const SCORE_TYPE_LABELS: Readonly<Record<ScoreType, string>> = { nps: 'NPS (0-10)', csat: 'CSAT (1-5)', ces: 'CES (1-7)' };

export const DEFAULT_PROMPTS: Readonly<Record<ScoreType, string>> = {
  nps: 'How likely are you to recommend us to a friend?',
  csat: 'How satisfied are you with this?',
  ces: 'How easy was it to get this done?',
};

export interface SurveyDraft {
  readonly name: string;
  readonly type: ScoreType;
  readonly prompt: string;
  /** The open question after the score; empty for none. */
  readonly followUp: string;
  readonly journeyId: string;
  readonly touchpointId: string;
  /** Percent of persons drawn, 0-100. */
  readonly samplePercent: number;
  readonly frequencyCapDays: number;
  readonly active: boolean;
}

export const newDraft = (journeyId = '', touchpointId = ''): SurveyDraft => ({
  name: '',
  type: 'nps',
  prompt: DEFAULT_PROMPTS.nps,
  followUp: 'What is the main reason for your score?',
  journeyId,
  touchpointId,
  samplePercent: 100,
  frequencyCapDays: 30,
  active: false,
});

export type DraftCheck = { readonly kind: 'ok'; readonly body: Record<string, unknown> } | { readonly kind: 'error'; readonly field: keyof SurveyDraft; readonly message: string };

/**
 * The definition to create from a filled form: the score question (required), the open follow-up,
 * shown at the touchpoint's events and tied to it. The server checks it again; these checks
 * only spare a round trip for what a person most often leaves out.
 */
export function draftToSurvey(draft: SurveyDraft): DraftCheck {
  if (!draft.name.trim()) return { kind: 'error', field: 'name', message: 'Give the survey a name' };
  if (!draft.prompt.trim()) return { kind: 'error', field: 'prompt', message: 'Write the question' };
  if (!draft.journeyId || !draft.touchpointId) return { kind: 'error', field: 'touchpointId', message: 'Pick the touchpoint of a map where the survey is asked' };
  if (!(draft.samplePercent >= 0 && draft.samplePercent <= 100)) return { kind: 'error', field: 'samplePercent', message: 'The sample is a percentage from 0 to 100' };
  if (!(draft.frequencyCapDays >= 0 && Number.isInteger(draft.frequencyCapDays))) return { kind: 'error', field: 'frequencyCapDays', message: 'The frequency cap is a whole number of days, 0 or more' };
  const questions: Record<string, unknown>[] = [{ id: draft.type, type: draft.type, prompt: draft.prompt.trim(), required: true }];
  if (draft.followUp.trim()) questions.push({ id: 'why', type: 'text', prompt: draft.followUp.trim() });
  return {
    kind: 'ok',
    body: {
      name: draft.name.trim(),
      status: draft.active ? 'active' : 'draft',
      questions,
      targeting: { trigger: { journeyId: draft.journeyId, touchpointId: draft.touchpointId }, sampleRate: draft.samplePercent / 100, frequencyCapDays: draft.frequencyCapDays },
      touchpointId: draft.touchpointId,
    },
  };
}

/** The survey as the API takes it back on `PUT`, with another status: the stored times are not part of a definition. */
export function withStatus(survey: SurveyDefinition, status: 'active' | 'paused' | 'draft'): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...definition } = survey;
  return { ...definition, status };
}

/** The score a survey is about: its first score question's type. */
export function surveyScoreType(survey: SurveyDefinition): ScoreType | null {
  const q = survey.questions.find((q) => (SCORE_TYPES as readonly string[]).includes(q.type));
  return (q?.type as ScoreType | undefined) ?? null;
}

export interface ScoreLine {
  readonly periods: string[];
  readonly values: (number | null)[];
  /** The NPS 95 % interval per period; empty for CSAT and CES. */
  readonly low: (number | null)[];
  readonly high: (number | null)[];
  readonly responses: number[];
}

/** A score per period for the chart; periods nobody answered in have no value (a gap, not a zero). */
export function scoreLine(scores: SurveyScores, type: ScoreType): ScoreLine {
  const periods = [...scores.overTime].sort((a, b) => a.period.localeCompare(b.period));
  const value = (p: (typeof periods)[number]) => (type === 'nps' ? p.nps?.score : type === 'csat' ? p.csat?.score : p.ces?.score) ?? null;
  return {
    periods: periods.map((p) => p.period),
    values: periods.map(value),
    low: type === 'nps' ? periods.map((p) => p.nps?.ci.low ?? null) : [],
    high: type === 'nps' ? periods.map((p) => p.nps?.ci.high ?? null) : [],
    responses: periods.map((p) => p.responses),
  };
}
