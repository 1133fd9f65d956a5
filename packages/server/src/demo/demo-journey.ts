import { scenarioJourney, SHOP_JOURNEY, type EventMatcher, type JourneyMap, type Scenario } from '@waymark/core';

/**
 * Where the shop template's bindings differ from what the demo shop's data carries: the
 * campaign and channel live in the event's context, which matchers do not read (they read
 * properties, and `$channel`). These bindings select the same moments from what is there.
 */
const SHOP_REBINDINGS: Readonly<Record<string, { name?: string; matchers: EventMatcher[] }>> = {
  ad_landing: {
    name: 'Search & social ad landing',
    matchers: [{ event: '$page', where: [{ property: 'referrer', op: 'in', value: ['https://www.google.com/', 'https://l.instagram.com/'] }] }],
  },
  order: { matchers: [{ event: 'Order Completed', where: [{ property: '$channel', op: 'eq', value: 'web' }] }] },
  store_purchase: { matchers: [{ event: 'Order Completed', where: [{ property: '$channel', op: 'eq', value: 'store' }] }] },
};

/** The map the demo opens with: "Online shop", the shop template bound to the events the shop simulator emits. */
export function demoJourney(scenario: Scenario): JourneyMap {
  if (scenario !== 'shop') return scenarioJourney(scenario);
  return {
    ...SHOP_JOURNEY,
    id: 'online-shop',
    name: 'Online shop',
    stages: SHOP_JOURNEY.stages.map((stage) => ({
      ...stage,
      touchpoints: stage.touchpoints.map((t) => {
        const rebound = SHOP_REBINDINGS[t.id];
        return rebound ? { ...t, name: rebound.name ?? t.name, matchers: rebound.matchers } : t;
      }),
    })),
  };
}
