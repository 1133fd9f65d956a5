import { SURVEY_CONTEXT } from '../people.ts';
import type { Rng } from '../rng.ts';
import type { Writer } from '../writer.ts';
import { speakAs } from './actor.ts';

export const SURVEY_TYPES = ['nps', 'csat', 'ces'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];

/** Score ranges: NPS 0-10, CSAT 1-5, CES 1-7 (7 = very easy). */
const RANGE: Record<SurveyType, readonly [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

export interface SurveyComments {
  readonly low: readonly string[];
  readonly mid: readonly string[];
  readonly high: readonly string[];
}

/**
 * A survey answer. `mood` in [0, 1] shifts the score (0 = unhappy, 1 = delighted); about
 * half the answers carry a comment matching the score. Returns the score.
 */
export function answerSurvey(
  w: Writer,
  rng: Rng,
  t: number,
  userId: string,
  surveyType: SurveyType,
  surveyId: string,
  touchpoint: string,
  mood: number,
  comments: SurveyComments,
): number {
  const [lo, hi] = RANGE[surveyType];
  const x = Math.min(1, Math.max(0, mood + rng.range(-0.25, 0.25)));
  const score = Math.round(lo + x * (hi - lo));
  const band = x < 0.45 ? comments.low : x < 0.75 ? comments.mid : comments.high;
  const comment = rng.chance(0.5) ? rng.pick(band) : '';
  speakAs(w, userId, SURVEY_CONTEXT, (w) => {
    w.track(t, 'Survey Responded', { survey_id: surveyId, survey_type: surveyType, score, comment, touchpoint });
  });
  return score;
}
