import { describe, expect, it } from 'vitest';
import { compareJourneyMaps } from './compare-journey-maps.ts';
import type { JourneyMap } from './journey-map.schema.ts';
import { SHOP_JOURNEY } from './templates/shop.ts';

const copy = (): JourneyMap => JSON.parse(JSON.stringify(SHOP_JOURNEY)) as JourneyMap;

describe('compareJourneyMaps', () => {
  it('finds nothing between a map and its copy', () => {
    expect(compareJourneyMaps(SHOP_JOURNEY, copy())).toEqual([]);
  });

  it('names the changed fields of a touchpoint, with the values before and after', () => {
    const next = copy();
    next.stages[1]!.touchpoints[3]!.name = 'Basket';
    next.stages[1]!.touchpoints[3]!.owner = 'Checkout squad';
    const [change, ...rest] = compareJourneyMaps(SHOP_JOURNEY, next);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ kind: 'changed', entity: 'touchpoint', id: 'cart', stageId: 'consideration', fields: ['name', 'owner'] });
    expect(change!.before).toMatchObject({ name: 'Cart', owner: 'Product team' });
    expect(change!.after).toMatchObject({ name: 'Basket', owner: 'Checkout squad' });
    expect(change!.after).not.toHaveProperty('kpis');
  });

  it('reports added and removed stages, touchpoints, KPIs, cards and personas', () => {
    const next = copy();
    next.stages.push({ id: 'advocacy', name: 'Advocacy', description: '', touchpoints: [] });
    next.stages[0]!.touchpoints.splice(1, 1);
    next.stages[2]!.touchpoints[0]!.kpis.push({ id: 'speed', name: 'Speed', metric: 'median_time_to_next_ms', target: 60_000, direction: 'lower_is_better' });
    next.lanes = next.lanes.filter((c) => c.id !== 'discovery-thoughts-1');
    next.personas.pop();
    const changes = compareJourneyMaps(SHOP_JOURNEY, next).map((c) => [c.kind, c.entity, c.id, c.stageId ?? null]);
    expect(changes).toEqual([
      ['removed', 'persona', 'gift_giver', null],
      ['added', 'stage', 'advocacy', null],
      ['removed', 'touchpoint', 'search', 'discovery'],
      ['added', 'kpi', 'checkout_start:speed', 'purchase'],
      ['removed', 'kpi', 'search:search_to_product', 'discovery'],
      ['removed', 'card', 'discovery-thoughts-1', 'discovery'],
    ]);
  });

  it('sees a KPI target change, the goal, the map name, and a touchpoint moved to another stage', () => {
    const next = copy();
    next.name = 'Shop v2';
    next.goal.target = 0.35;
    next.stages[1]!.touchpoints[0]!.kpis[0]!.target = 0.4;
    const moved = next.stages[3]!.touchpoints.pop()!;
    next.stages[4]!.touchpoints.unshift({ ...moved, stageId: 'loyalty' });
    const changes = compareJourneyMaps(SHOP_JOURNEY, next);
    expect(changes.map((c) => [c.entity, c.id, c.fields])).toEqual([
      ['map', 'shop', ['name']],
      ['goal', 'goal', ['target']],
      ['touchpoint', 'csat_survey', ['stageId']],
      ['kpi', 'product_page:add_to_cart_rate', ['target']],
    ]);
    expect(changes[0]).toMatchObject({ before: { name: SHOP_JOURNEY.name }, after: { name: 'Shop v2' } });
  });

  it('counts a swap of two stages as their move, not of the stages after them', () => {
    const next = copy();
    const [first] = next.stages.splice(0, 1);
    next.stages.splice(1, 0, first!);
    const changes = compareJourneyMaps(SHOP_JOURNEY, next).filter((c) => c.entity === 'stage');
    expect(changes.map((c) => [c.id, c.fields])).toEqual([
      ['consideration', ['position']],
      ['discovery', ['position']],
    ]);
  });

  it('compares in both directions symmetrically', () => {
    const next = copy();
    next.stages[0]!.touchpoints.push({ id: 'referral', stageId: 'discovery', name: 'Referral', channel: 'web', matchers: [{ event: 'Referral' }], kpis: [], momentOfTruth: false });
    expect(compareJourneyMaps(SHOP_JOURNEY, next).map((c) => c.kind)).toEqual(['added']);
    expect(compareJourneyMaps(next, SHOP_JOURNEY).map((c) => c.kind)).toEqual(['removed']);
  });
});
