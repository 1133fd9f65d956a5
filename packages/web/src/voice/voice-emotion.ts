import type { JourneyMap } from '@waymark/core';
import type { JourneyVoice } from '../api/insight-types.ts';
import { emotionCurve } from '../editor/map-edits.ts';

export interface EmotionPoint {
  readonly value: number | null;
  /** `data`: measured from what customers answered; `cards`: the mapper's emotion cards. */
  readonly source: 'data' | 'cards' | null;
  readonly answers: number;
}

/**
 * The emotion lane, stage by stage: measured from answers where the stage has them (surveys'
 * scores and sentiment on the same -2..2 scale, docs/surveys.md), else the mapper's cards.
 */
export function emotionPoints(map: JourneyMap, voice: JourneyVoice | undefined): EmotionPoint[] {
  const manual = emotionCurve(map);
  return map.stages.map((stage, i) => {
    const measured = voice?.stages.find((s) => s.stageId === stage.id);
    if (measured && measured.emotion !== null) return { value: measured.emotion, source: 'data', answers: measured.responses };
    const card = manual[i] ?? null;
    return { value: card, source: card === null ? null : 'cards', answers: 0 };
  });
}

/** "from 312 answers" where any stage is measured; null when the lane is the mapper's alone. */
export function emotionSourceNote(points: readonly EmotionPoint[]): string | null {
  const answers = points.reduce((sum, p) => sum + (p.source === 'data' ? p.answers : 0), 0);
  if (!points.some((p) => p.source === 'data')) return null;
  const measured = points.filter((p) => p.source === 'data').length;
  const stages = measured === points.length ? 'every stage' : `${measured} of ${points.length} stages`;
  return `from ${answers.toLocaleString('en-US')} answer${answers === 1 ? '' : 's'} (${stages})`;
}
