import type { EventMatcher, JourneyLane, JourneyKpi, KpiDirection, KpiMetric, JourneyLaneCard, JourneyStage, JourneyTouchpoint } from '../journey-map.schema.ts';

/** Small builders that keep the templates readable; they produce plain JourneyMap data. */

export const kpi = (id: string, name: string, metric: KpiMetric, target: number, direction: KpiDirection = 'higher_is_better', unit?: string): JourneyKpi =>
  unit === undefined ? { id, name, metric, target, direction } : { id, name, metric, target, direction, unit };

export const on = (event: string, where?: EventMatcher['where']): EventMatcher => (where === undefined ? { event } : { event, where });

/** A page-view matcher: `$page` with the path. */
export const page = (path: string, op: 'eq' | 'contains' = 'eq'): EventMatcher => ({ event: '$page', where: [{ property: 'path', op, value: path }] });

export interface TouchpointInput {
  readonly id: string;
  readonly name: string;
  readonly channel: string;
  readonly matchers: readonly EventMatcher[];
  readonly kpis?: readonly JourneyKpi[];
  readonly owner?: string;
  readonly description?: string;
  readonly momentOfTruth?: boolean;
}

export function stage(id: string, name: string, description: string, touchpoints: readonly TouchpointInput[]): JourneyStage {
  return {
    id,
    name,
    description,
    touchpoints: touchpoints.map(
      (t): JourneyTouchpoint => ({
        id: t.id,
        stageId: id,
        name: t.name,
        ...(t.description !== undefined && { description: t.description }),
        channel: t.channel,
        matchers: [...t.matchers],
        ...(t.owner !== undefined && { owner: t.owner }),
        kpis: [...(t.kpis ?? [])],
        momentOfTruth: t.momentOfTruth ?? false,
      }),
    ),
  };
}

/**
 * Lane cards of one stage: `[lane, text]`, or `[lane, text, emotion]` for the emotions lane.
 * Ids are `<stage>-<lane>-<n>`.
 */
export function cards(stageId: string, list: readonly (readonly [JourneyLane, string, number?, string?])[]): JourneyLaneCard[] {
  const counts = new Map<string, number>();
  return list.map(([lane, text, emotion, owner]) => {
    const n = (counts.get(lane) ?? 0) + 1;
    counts.set(lane, n);
    const card: JourneyLaneCard = { id: `${stageId}-${lane}-${n}`.replace(/_/g, '-'), lane, stageId, text };
    if (emotion !== undefined) card.emotion = emotion;
    if (owner !== undefined) card.owner = owner;
    return card;
  });
}
