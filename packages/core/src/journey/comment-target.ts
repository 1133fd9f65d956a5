import type { JourneyMap } from './journey-map.schema.ts';

/**
 * Whether a comment target names something in a map: `goal`, `stage:<id>`,
 * `touchpoint:<id>`, `kpi:<touchpointId>:<kpiId>`, `card:<id>` or `persona:<id>`. Comments
 * are attached to cells by these keys, so the web app and the API agree on one spelling.
 *
 * @example journeyTargetExists(SHOP_JOURNEY, 'kpi:cart:cart_to_checkout') // true
 */
export function journeyTargetExists(map: JourneyMap, target: string): boolean {
  const [kind, ...rest] = target.split(':');
  const touchpoints = map.stages.flatMap((s) => s.touchpoints);
  switch (kind) {
    case 'goal':
      return rest.length === 0;
    case 'stage':
      return rest.length === 1 && map.stages.some((s) => s.id === rest[0]);
    case 'touchpoint':
      return rest.length === 1 && touchpoints.some((t) => t.id === rest[0]);
    case 'kpi':
      return rest.length === 2 && touchpoints.some((t) => t.id === rest[0] && t.kpis.some((k) => k.id === rest[1]));
    case 'card':
      return rest.length === 1 && map.lanes.some((c) => c.id === rest[0]);
    case 'persona':
      return rest.length === 1 && map.personas.some((p) => p.id === rest[0]);
    default:
      return false;
  }
}
