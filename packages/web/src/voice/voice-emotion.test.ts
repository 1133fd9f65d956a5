import type { JourneyMap } from '@waymark/core';
import { describe, expect, it } from 'vitest';
import type { JourneyVoice } from '../api/insight-types.ts';
import { emotionPoints, emotionSourceNote } from './voice-emotion.ts';

const map = {
  id: 'shop',
  name: 'Shop',
  stages: [
    { id: 'find', name: 'Find', touchpoints: [] },
    { id: 'buy', name: 'Buy', touchpoints: [] },
    { id: 'receive', name: 'Receive', touchpoints: [] },
  ],
  lanes: [
    { id: 'c1', lane: 'emotions', stageId: 'find', text: 'Curious', emotion: 1 },
    { id: 'c2', lane: 'emotions', stageId: 'buy', text: 'Annoyed', emotion: -2 },
  ],
} as unknown as JourneyMap;

const voice = (stages: JourneyVoice['stages']): JourneyVoice => ({ journeyId: 'shop', touchpoints: [], stages });

describe('the emotion lane from what customers said', () => {
  it("keeps the mapper's cards where no answer measures the stage", () => {
    const points = emotionPoints(map, undefined);
    expect(points.map((p) => [p.value, p.source])).toEqual([[1, 'cards'], [-2, 'cards'], [null, null]]);
    expect(emotionSourceNote(points)).toBeNull();
  });

  it('draws a measured stage from its answers, over the cards, and says from how many', () => {
    const points = emotionPoints(map, voice([{ stageId: 'buy', responses: 312, emotion: 0.42, source: 'data' }, { stageId: 'receive', responses: 1, emotion: -1, source: 'data' }]));
    expect(points.map((p) => [p.value, p.source])).toEqual([[1, 'cards'], [0.42, 'data'], [-1, 'data']]);
    expect(emotionSourceNote(points)).toBe('from 313 answers (2 of 3 stages)');
  });

  it('ignores a stage whose answers give no emotion', () => {
    const points = emotionPoints(map, voice([{ stageId: 'buy', responses: 4, emotion: null, source: 'data' }]));
    expect(points[1]).toEqual({ value: -2, source: 'cards', answers: 0 });
  });
});
