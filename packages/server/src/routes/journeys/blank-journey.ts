import type { JourneyMap } from '@waymark/core';

/**
 * A new, empty map: one stage, no touchpoints, and a goal bound to a placeholder event the
 * author rebinds (a map always has a goal, so the North Star is never forgotten).
 */
export function blankJourney(id: string, name: string): JourneyMap {
  return {
    id,
    name,
    description: '',
    goal: { name: 'Goal', metric: 'conversion_rate', matcher: { event: 'Order Completed' }, target: 0.1, direction: 'higher_is_better' },
    personas: [],
    stages: [{ id: 'stage-1', name: 'Stage 1', description: '', touchpoints: [] }],
    lanes: [],
  };
}
