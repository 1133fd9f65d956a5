import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../analysis-event.ts';
import { SHOP_JOURNEY } from '../../journey/templates/shop.ts';
import { attributeFriction } from './friction-attribution.ts';
import { frictionPlan } from './friction.plan.ts';

const T0 = Date.UTC(2025, 2, 1, 12);
let seq = 0;
const at = (s: number, event: string, properties: Record<string, unknown> = {}, sessionId: string | null = 's1'): AnalysisEvent => ({
  personId: 'p1', event, timestamp: T0 + s * 1000, sessionId, channel: 'web', properties, seq: seq++,
});

describe('attributeFriction (a scenario on the shop map)', () => {
  const plan = frictionPlan(SHOP_JOURNEY, T0, T0 + 3_600_000);
  const tp = (i: number) => plan.touchpoints[i]!.id;

  it('puts each signal on the touchpoint of its page nearest in time, page touchpoints of that page first', () => {
    const events = [
      at(0, '$page', { path: '/cart' }),
      at(1, 'Cart Viewed'),
      at(10, '$page', { path: '/pages/shipping-returns' }),
      at(12, '$page', { path: '/cart' }),
      // A U-turn on the shipping page, emitted at the return to the cart: shipping_info, not cart.
      at(12.001, '$u_turn', { path: '/pages/shipping-returns' }),
      at(20, '$page', { path: '/checkout/shipping', load_time_ms: 6000 }),
      // Emitted at the page view, before the step's event: still on that page's touchpoint.
      at(20.001, '$slow_page', { path: '/checkout/shipping' }),
      at(26, 'Checkout Step Viewed', { step: 2 }),
      at(40, '$page', { path: '/checkout/payment' }),
      at(41, 'Checkout Step Viewed', { step: 3 }),
      at(60, '$click', { path: '/checkout/payment' }),
      at(60.04, 'Coupon Entered'),
      at(60.2, '$exception', { path: '/checkout/payment' }),
      at(60.201, '$error_click', { path: '/checkout/payment' }),
      at(60.5, 'Coupon Denied'),
      // On a page no touchpoint event of the session is on: nowhere.
      at(70, '$dead_click', { path: '/elsewhere' }),
      // Another session reached nothing.
      at(5, '$rage_click', { path: '/cart' }, 's2'),
    ];
    const { visits, signals } = attributeFriction(events, plan);
    expect(signals.map((s) => [s.kind, tp(s.tp)])).toEqual([
      ['u_turn', 'shipping_info'],
      ['slow_page', 'checkout_shipping'],
      ['error_click', 'coupon'],
    ]);
    expect(['cart', 'shipping_info', 'checkout_shipping', 'coupon', 'checkout_payment'].map((id) => visits[plan.touchpoints.findIndex((t) => t.id === id)]!.size)).toEqual([1, 1, 1, 1, 1]);
  });

  it('reads only the range', () => {
    const { signals, visits } = attributeFriction([at(-10, '$page', { path: '/cart' }), at(-9, 'Cart Viewed'), at(-8, '$slow_page', { path: '/cart' })], plan);
    expect(signals).toEqual([]);
    expect(visits.every((v) => v.size === 0)).toBe(true);
  });
});
