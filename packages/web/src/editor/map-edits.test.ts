import { describe, expect, it } from 'vitest';
import { SHOP_JOURNEY, validateJourneyMap } from '@waymark/core';
import { addCard, addStage, addTouchpoint, deleteStage, deleteTouchpoint, emotionCurve, findTouchpoint, moveCard, moveStage, moveTouchpoint, newId, updateTouchpoint } from './map-edits.ts';

const valid = (map: unknown) => {
  const result = validateJourneyMap(map);
  if (result.kind !== 'ok') throw result.error;
  return true;
};

describe('editing a journey map', () => {
  it('makes unique, valid ids from names', () => {
    expect(newId('Sign-up form!', [])).toBe('sign-up_form');
    expect(newId('Cart', ['cart', 'cart_2'])).toBe('cart_3');
    expect(newId('  ', [])).toBe('item');
    expect(newId('Über Café', [])).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
  });

  it('adds, reorders and deletes stages, keeping the map valid', () => {
    let map = addStage(SHOP_JOURNEY, 'Advocacy');
    expect(map.stages.at(-1)!.id).toBe('advocacy');
    map = moveStage(map, 'advocacy', -1);
    expect(map.stages.at(-2)!.id).toBe('advocacy');
    expect(moveStage(SHOP_JOURNEY, SHOP_JOURNEY.stages[0]!.id, -1).stages.map((s) => s.id)).toEqual(SHOP_JOURNEY.stages.map((s) => s.id));
    expect(valid(map)).toBe(true);
    const withoutFirst = deleteStage(map, 'discovery');
    expect(withoutFirst.stages.some((s) => s.id === 'discovery')).toBe(false);
    expect(withoutFirst.lanes.some((c) => c.stageId === 'discovery')).toBe(false);
    expect(valid(withoutFirst)).toBe(true);
  });

  it('adds a touchpoint, rebinds it, moves it across stages and deletes it', () => {
    const added = addTouchpoint(SHOP_JOURNEY, 'discovery', { name: 'Search', channel: 'web', matchers: [{ event: 'Products Searched' }], kpis: [], momentOfTruth: false });
    expect(added.id).toBe('search_2');
    let map = updateTouchpoint(added.map, added.id, { matchers: [{ event: 'Product Viewed' }] });
    expect(findTouchpoint(map, added.id)!.matchers).toEqual([{ event: 'Product Viewed' }]);
    map = moveTouchpoint(map, added.id, 'right');
    expect(findTouchpoint(map, added.id)!.stageId).toBe('consideration');
    expect(map.stages[1]!.touchpoints.at(-1)!.id).toBe(added.id);
    expect(valid(map)).toBe(true);
    expect(moveTouchpoint(map, 'ad_landing', 'left')).toBe(map);
    expect(findTouchpoint(deleteTouchpoint(map, added.id), added.id)).toBeUndefined();
  });

  it('adds emotion cards with a score and draws the curve from their average per stage', () => {
    const blank = { ...SHOP_JOURNEY, lanes: [] };
    let { map } = addCard(blank, 'emotions', 'discovery', 'Curious', 1);
    ({ map } = addCard(map, 'emotions', 'discovery', 'Unsure', -2));
    const moved = addCard(map, 'emotions', 'purchase', 'Annoyed', -1);
    map = moveCard(moved.map, moved.id, 1);
    expect(emotionCurve(map)).toEqual([-0.5, null, null, -1, ...Array(SHOP_JOURNEY.stages.length - 4).fill(null)]);
    expect(valid(map)).toBe(true);
  });
});
