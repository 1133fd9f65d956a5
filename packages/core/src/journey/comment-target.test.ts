import { describe, expect, it } from 'vitest';
import { journeyTargetExists } from './comment-target.ts';
import { SHOP_JOURNEY } from './templates/shop.ts';

describe('journeyTargetExists', () => {
  it.each(['goal', 'stage:purchase', 'touchpoint:cart', 'kpi:cart:cart_to_checkout', 'card:purchase-pain-points-1', 'persona:deal_seeker'])('finds %s', (target) => {
    expect(journeyTargetExists(SHOP_JOURNEY, target)).toBe(true);
  });
  it.each(['', 'goal:x', 'stage:nope', 'touchpoint:purchase', 'kpi:cart', 'kpi:cart:nope', 'kpi:product_page:cart_to_checkout', 'card:', 'lane:actions', 'touchpoint:cart:extra'])('refuses %j', (target) => {
    expect(journeyTargetExists(SHOP_JOURNEY, target)).toBe(false);
  });
});
