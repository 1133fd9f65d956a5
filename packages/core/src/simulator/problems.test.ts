import { beforeAll, describe, expect, it } from 'vitest';
import type { SegmentMessage } from '../events/segment-schema.ts';
import { groundTruth, type GroundTruth, type GroundTruthProblem } from './ground-truth.ts';
import { simulate, type SimulateOptions } from './simulate.ts';

/**
 * The planted problems must be visible in the raw messages, as the ground truth describes
 * them, and the control touchpoint must show no difference. Rates are compared per session
 * (or per person) with a tolerance of four binomial standard errors of the difference.
 */
const OPTIONS = { customers: 20000, days: 90, seed: 20250331, end: '2025-03-31' } as const;

type Props = Record<string, unknown>;
const props = (m: SegmentMessage) => (m.properties ?? {}) as Props;
const ctx = (m: SegmentMessage) => m.context as { sessionId?: string; device?: { type: string }; location?: { country: string } };

/** A share with its count, for drop-off comparisons. */
class Rate {
  n = 0;
  k = 0;
  add(hit: boolean) {
    this.n++;
    if (hit) this.k++;
  }
  get p() {
    return this.k / this.n;
  }
}

/** Asserts that rate(a) - rate(b) is `expected` within four standard errors. */
function expectDifference(a: Rate, b: Rate, expected: number, label: string) {
  expect(a.n, `${label}: affected sample`).toBeGreaterThan(80);
  expect(b.n, `${label}: control sample`).toBeGreaterThan(80);
  const se = Math.sqrt((a.p * (1 - a.p)) / a.n + (b.p * (1 - b.p)) / b.n);
  const diff = a.p - b.p;
  expect(Math.abs(diff - expected), `${label}: observed ${diff.toFixed(3)} (n=${a.n}/${b.n}), planted ${expected}, 4 SE = ${(4 * se).toFixed(3)}`).toBeLessThan(4 * se);
}

const problem = (truth: GroundTruth, kind: GroundTruthProblem['kind']) => truth.problems.find((p) => p.kind === kind)!;

describe('planted problems: shop', () => {
  const options: SimulateOptions = { ...OPTIONS, scenario: 'shop' };
  const truth = groundTruth(options);
  const slow = problem(truth, 'slow_page');
  const promo = problem(truth, 'broken_promo');
  const uturn = problem(truth, 'u_turn');
  // Per session: what the session did, keyed by the step events.
  const shipping = { mobileAfter: new Rate(), desktopAfter: new Rate(), mobileBefore: new Rate() };
  const coupon = { deAfter: new Rate(), otherAfter: new Rate() };
  const cart = { gbAfter: new Rate(), otherAfter: new Rate() };
  const control = { mobile: new Rate(), desktop: new Rate(), de: new Rate(), other: new Rate() };
  const loads = { mobileAfter: [] as number[], desktopAfter: [] as number[], mobileBefore: [] as number[], lcpMobileAfter: [] as number[] };
  const uTurns = { gbAfter: 0, gbAfterCarts: 0, other: 0, otherCarts: 0 };
  const signals = { vatErrors: 0, vatErrorsOutside: 0, deniedErrors: 0, rageClusters: 0, rageOutside: 0, promoTickets: 0, promoTicketsBefore: 0 };

  beforeAll(() => {
    let session = '';
    let msgs: SegmentMessage[] = [];
    const flush = () => {
      if (msgs.length > 0) summarize(msgs);
      msgs = [];
    };
    for (const m of simulate(options)) {
      const c = ctx(m);
      if (m.event === 'Ticket Created' && props(m)['topic'] === 'promo_code') {
        signals.promoTickets++;
        if (m.timestamp! < promo.startTimestamp) signals.promoTicketsBefore++;
      }
      if (c.sessionId === undefined) continue;
      if (c.sessionId !== session) flush();
      session = c.sessionId;
      msgs.push(m);
    }
    flush();
  });

  function summarize(s: SegmentMessage[]) {
    const c = ctx(s[0]!);
    const mobile = c.device!.type === 'mobile';
    const country = c.location!.country;
    const has = (event: string, from: number, pred: (p: Props) => boolean = () => true) => s.some((m, i) => i > from && m.event === event && pred(props(m)));
    const pages: { path: string; t: number }[] = [];
    const clicks: { selector: string; t: number; x: number; y: number }[] = [];
    s.forEach((m, i) => {
      const p = props(m);
      const ts = m.timestamp!;
      if (m.type === 'page') {
        pages.push({ path: p['path'] as string, t: Date.parse(ts) });
        if (p['path'] === slow.pagePath) {
          const load = p['load_time_ms'] as number;
          (ts >= slow.startTimestamp ? (mobile ? loads.mobileAfter : loads.desktopAfter) : mobile ? loads.mobileBefore : []).push(load);
        }
      }
      if (m.event === '$web_vitals' && p['path'] === slow.pagePath && mobile && ts >= slow.startTimestamp) loads.lcpMobileAfter.push(p['lcp_ms'] as number);
      if (m.event === '$click') clicks.push({ selector: p['selector'] as string, t: Date.parse(ts), x: p['x'] as number, y: p['y'] as number });
      if (m.event === 'Checkout Step Viewed' && p['step'] === 2) {
        const reached = has('Checkout Step Viewed', i, (q) => q['step'] === 3);
        if (ts >= slow.startTimestamp) (mobile ? shipping.mobileAfter : shipping.desktopAfter).add(!reached);
        else if (mobile) shipping.mobileBefore.add(!reached);
      }
      if (m.event === 'Coupon Entered' && ts >= promo.startTimestamp) (country === 'DE' ? coupon.deAfter : coupon.otherAfter).add(!has('Order Completed', i));
      if (m.event === 'Cart Viewed' && ts >= uturn.startTimestamp) (country === 'GB' ? cart.gbAfter : cart.otherAfter).add(!has('Checkout Started', i));
      if (m.event === 'Product Viewed' && s.findIndex((x) => x.event === 'Product Viewed') === i && ts >= slow.startTimestamp) {
        const added = has('Product Added', i);
        (mobile ? control.mobile : control.desktop).add(added);
        (country === 'DE' ? control.de : control.other).add(added);
      }
      if (m.event === '$exception' && String(p['message']).includes('vatRate')) {
        signals.vatErrors++;
        if (country !== 'DE' || ts < promo.startTimestamp) signals.vatErrorsOutside++;
        const at = Date.parse(ts);
        if (s.some((x) => x.event === 'Coupon Denied' && Date.parse(x.timestamp!) - at >= 0 && Date.parse(x.timestamp!) - at < 1000)) signals.deniedErrors++;
      }
    });
    // U-turns: A -> B -> A with less than 5 s on B.
    let turns = 0;
    for (let i = 2; i < pages.length; i++) if (pages[i]!.path === pages[i - 2]!.path && pages[i]!.t - pages[i - 1]!.t < 5000) turns++;
    const cartAt = s.find((m) => m.event === 'Cart Viewed')?.timestamp ?? undefined;
    if (cartAt !== undefined) {
      if (country === 'GB' && cartAt >= uturn.startTimestamp) {
        uTurns.gbAfter += turns;
        uTurns.gbAfterCarts++;
      } else {
        uTurns.other += turns;
        uTurns.otherCarts++;
      }
    }
    // Rage clicks: 3+ clicks on one selector within 1 s and 30 px.
    for (let i = 0; i + 2 < clicks.length; i++) {
      const a = clicks[i]!;
      const run = clicks.slice(i, i + 3);
      if (run.every((b) => b.selector === a.selector && b.t - a.t <= 1000 && Math.abs(b.x - a.x) <= 30 && Math.abs(b.y - a.y) <= 30)) {
        signals.rageClusters++;
        if (country !== 'DE' || s[0]!.timestamp! < promo.startTimestamp.slice(0, 10)) signals.rageOutside++;
        break;
      }
    }
  }

  it('slow shipping step: > 4 s on mobile after the start only, and the planted extra drop-off', () => {
    expect(slow.touchpointId).toBe('checkout_shipping');
    expect(loads.mobileAfter.length).toBeGreaterThan(100);
    expect(Math.min(...loads.mobileAfter)).toBeGreaterThan(4000);
    expect(Math.min(...loads.lcpMobileAfter)).toBeGreaterThan(4000);
    expect(Math.max(...loads.desktopAfter)).toBeLessThan(4000);
    expect(Math.max(...loads.mobileBefore)).toBeLessThan(4000);
    expectDifference(shipping.mobileAfter, shipping.desktopAfter, slow.plantedEffect.extraDropOff, 'mobile vs desktop after start');
    expectDifference(shipping.mobileBefore, shipping.desktopAfter, 0, 'mobile before vs desktop');
  });

  it('broken promo: errors, denials, rage clicks and tickets only for DE after the start, and the extra drop-off', () => {
    expect(promo.segment).toEqual({ scope: 'event', property: 'context.location.country', value: 'DE' });
    expect(signals.vatErrors).toBeGreaterThan(50);
    expect(signals.vatErrorsOutside).toBe(0);
    expect(signals.deniedErrors).toBe(signals.vatErrors);
    expect(signals.rageClusters).toBeGreaterThan(30);
    expect(signals.rageOutside).toBe(0);
    expect(signals.promoTickets).toBeGreaterThan(10);
    expect(signals.promoTicketsBefore).toBe(0);
    expectDifference(coupon.deAfter, coupon.otherAfter, promo.plantedEffect.extraDropOff, 'DE vs other coupon users');
  });

  it('shipping page U-turns: repeated for GB after the start, rare elsewhere, and the extra cart drop-off', () => {
    expect(uturn.pagePath).toBe('/pages/shipping-returns');
    expect(uTurns.gbAfter / uTurns.gbAfterCarts).toBeGreaterThan(2);
    expect(uTurns.other / uTurns.otherCarts).toBeLessThan(0.05);
    expectDifference(cart.gbAfter, cart.otherAfter, uturn.plantedEffect.extraDropOff, 'GB vs other carts');
  });

  it('control: the product page converts the same for every device and country', () => {
    expect(truth.control.touchpointId).toBe('product_page');
    expectDifference(control.mobile, control.desktop, 0, 'mobile vs desktop add-to-cart');
    expectDifference(control.de, control.other, 0, 'DE vs other add-to-cart');
  });

  it('prices each problem', () => {
    for (const p of truth.problems) expect(p.expectedLostRevenue.amount).toBeGreaterThan(100);
  });
});

describe('planted problems: saas', () => {
  const options: SimulateOptions = { ...OPTIONS, scenario: 'saas' };
  const truth = groundTruth(options);
  const field = problem(truth, 'form_field_abandon');
  const email = problem(truth, 'undelivered_email');
  const form = { mobileAfter: new Rate(), desktopAfter: new Rate(), mobileBefore: new Rate() };
  const abandons = { phone: 0, phoneOutside: 0 };
  const control = { mobile: new Rate(), desktop: new Rate(), de: new Rate(), other: new Rate() };
  const people = new Map<string, { domain: string; signup: string; welcomeDelivered: boolean; activated: boolean }>();
  const lastSignup = new Date(Date.parse(`${OPTIONS.end}T00:00:00.000Z`) - 10 * 86_400_000).toISOString();

  beforeAll(() => {
    let session = '';
    let msgs: SegmentMessage[] = [];
    const flush = () => {
      if (msgs.length > 0) summarize(msgs);
      msgs = [];
    };
    for (const m of simulate(options)) {
      const p = props(m);
      if (m.type === 'identify' && m.traits?.['email_domain']) people.set(m.userId as string, { domain: m.traits['email_domain'] as string, signup: m.timestamp!, welcomeDelivered: false, activated: false });
      const person = m.userId ? people.get(m.userId as string) : undefined;
      if (person && m.event === 'Email Delivered' && p['email_id'] === 'welcome') person.welcomeDelivered = true;
      if (person && m.event === 'Teammate Invited') person.activated = true;
      const c = ctx(m);
      if (c.sessionId === undefined) continue;
      if (c.sessionId !== session) flush();
      session = c.sessionId;
      msgs.push(m);
    }
    flush();
  });

  function summarize(s: SegmentMessage[]) {
    const c = ctx(s[0]!);
    const mobile = c.device!.type === 'mobile';
    const focus = s.find((m) => m.event === '$form_field_focus' && props(m)['form'] === 'signup');
    if (focus) {
      const submitted = s.some((m) => m.event === '$form_submit' && props(m)['form'] === 'signup');
      const after = focus.timestamp! >= field.startTimestamp;
      if (after) (mobile ? form.mobileAfter : form.desktopAfter).add(!submitted);
      else if (mobile) form.mobileBefore.add(!submitted);
      const abandon = s.find((m) => m.event === '$form_abandon');
      if (abandon && props(abandon)['last_field'] === 'phone') {
        abandons.phone++;
        if (!mobile || !after) abandons.phoneOutside++;
      }
    }
    const pricing = s.findIndex((m) => m.type === 'page' && props(m)['path'] === '/pricing');
    if (pricing >= 0) {
      const signup = s.some((m, i) => i > pricing && m.type === 'page' && props(m)['path'] === '/signup');
      (mobile ? control.mobile : control.desktop).add(signup);
      (c.location!.country === 'DE' ? control.de : control.other).add(signup);
    }
  }

  it('signup phone field: abandoned at "phone" on mobile after the start only, and the extra drop-off', () => {
    expect(field.field).toBe('phone');
    expect(abandons.phone).toBeGreaterThan(100);
    expect(abandons.phoneOutside).toBe(0);
    expectDifference(form.mobileAfter, form.desktopAfter, field.plantedEffect.extraDropOff, 'mobile vs desktop form abandonment');
    expectDifference(form.mobileBefore, form.desktopAfter, 0, 'mobile before vs desktop');
  });

  it('welcome email: never delivered to outlook.com after the start, delivered before, and lower activation', () => {
    const outlookAfter = [...people.values()].filter((p) => p.domain === 'outlook.com' && p.signup >= email.startTimestamp);
    const outlookBefore = [...people.values()].filter((p) => p.domain === 'outlook.com' && p.signup < email.startTimestamp);
    expect(outlookAfter.length).toBeGreaterThan(100);
    expect(outlookAfter.filter((p) => p.welcomeDelivered)).toEqual([]);
    expect(outlookBefore.filter((p) => p.welcomeDelivered).length / outlookBefore.length).toBeGreaterThan(0.95);
    const affected = new Rate();
    const others = new Rate();
    for (const p of people.values()) {
      if (p.signup < email.startTimestamp || p.signup > lastSignup) continue;
      (p.domain === 'outlook.com' ? affected : others).add(!p.activated);
    }
    expectDifference(affected, others, email.plantedEffect.extraDropOff, 'outlook vs others activation');
  });

  it('control: the pricing page leads to signup at the same rate for every device and country', () => {
    expect(truth.control.touchpointId).toBe('pricing_page');
    expectDifference(control.mobile, control.desktop, 0, 'mobile vs desktop pricing to signup');
    expectDifference(control.de, control.other, 0, 'DE vs other pricing to signup');
  });
});
