import { Period } from './clock.ts';
import { SAAS_WEEKDAYS } from './saas/saas-customer.ts';
import { PLAN_CDF, PLANS, SAAS_PERSONA_CDF, SAAS_PERSONAS, SAAS_RATES, SEATS } from './saas/saas-model.ts';
import { CONTROL_TOUCHPOINTS, PLANTED_PROBLEMS, problemStartDay, type PlantedEffect, type ProblemDefinition, type ProblemId } from './problems.ts';
import { SHOP_WEEKDAYS } from './shop/shop-customer.ts';
import { COUPONS, EXPECTED_ORDER_REVENUE, SHOP_PERSONA_CDF, SHOP_PERSONAS, SHOP_RATES } from './shop/shop-model.ts';
import { COUNTRY_CDF, COUNTRIES } from './people.ts';
import type { SimulateOptions } from './simulate.ts';

/** One planted problem as `groundTruth` reports it: plain JSON. */
export interface GroundTruthProblem extends Omit<ProblemDefinition, 'id' | 'startFraction' | 'effect'> {
  readonly id: ProblemId;
  /** First affected day (UTC), `YYYY-MM-DD`, and its midnight as an ISO timestamp. */
  readonly start: string;
  readonly startTimestamp: string;
  readonly plantedEffect: PlantedEffect;
  /** Expected persons of the segment reaching the step after the start (first visits). */
  readonly expectedAffected: number;
  readonly expectedLostRevenue: { readonly amount: number; readonly currency: 'USD'; readonly formula: string };
}

export interface GroundTruth {
  readonly scenario: 'shop' | 'saas';
  readonly seed: number;
  readonly customers: number;
  readonly days: number;
  /** First and last simulated day. */
  readonly start: string;
  readonly end: string;
  readonly problems: readonly GroundTruthProblem[];
  readonly control: { readonly touchpointId: string; readonly stageId: string; readonly description: string };
}

/** SaaS revenue lost to a problem is counted over this many months of subscription. */
export const SAAS_REVENUE_MONTHS = 12;

/**
 * The problems planted in `simulate(options)`, with their start in this period, the affected
 * segment and touchpoint, the planted effect and the revenue it is expected to cost. The
 * expectation is computed from the simulator's own rates (first visits only), not measured.
 *
 * @example groundTruth({ scenario: 'shop', customers: 20000, days: 90, seed: 1, end: '2025-03-31' }).problems[0].touchpointId // 'checkout_shipping'
 */
export function groundTruth(options: SimulateOptions): GroundTruth {
  const period = new Period(options.end, options.days);
  const { share } = period.dayWeights(options.scenario === 'shop' ? SHOP_WEEKDAYS : SAAS_WEEKDAYS, 0.1);
  const problems = PLANTED_PROBLEMS.filter((p) => p.scenario === options.scenario).map((p): GroundTruthProblem => {
    const startDay = problemStartDay(period.days, p.startFraction);
    let after = 0;
    for (let d = startDay; d < period.days; d++) after += share[d]!;
    const { affected, lost, formula } = expectation(p, options.customers * after);
    return {
      id: p.id,
      scenario: p.scenario,
      kind: p.kind,
      description: p.description,
      touchpointId: p.touchpointId,
      stageId: p.stageId,
      pagePath: p.pagePath,
      event: p.event,
      field: p.field,
      segment: p.segment,
      start: period.date(startDay),
      startTimestamp: `${period.date(startDay)}T00:00:00.000Z`,
      plantedEffect: p.effect,
      expectedAffected: Math.round(affected),
      expectedLostRevenue: { amount: Math.round(lost * 100) / 100, currency: 'USD', formula },
    };
  });
  return {
    scenario: options.scenario,
    seed: options.seed,
    customers: options.customers,
    days: period.days,
    start: period.date(0),
    end: period.date(period.days - 1),
    problems,
    control: CONTROL_TOUCHPOINTS[options.scenario],
  };
}

const countryShare = (country: string) => {
  const i = COUNTRIES.indexOf(country as (typeof COUNTRIES)[number]);
  return COUNTRY_CDF[i]! - (i > 0 ? COUNTRY_CDF[i - 1]! : 0);
};

/** Per-visit funnel of the shop, averaged over personas. */
function shopFunnel() {
  const R = SHOP_RATES;
  let cart = 0;
  let payment = 0;
  let coupon = 0;
  SHOP_PERSONAS.forEach((persona, i) => {
    const w = SHOP_PERSONA_CDF[i]! - (i > 0 ? SHOP_PERSONA_CDF[i - 1]! : 0);
    const returning = R.returningShare[persona];
    const stay = 1 - (returning * R.bounce.returning + (1 - returning) * R.bounce.new + 0.58 * R.bounce.mobileExtra);
    const c = stay * R.addToCart[persona] * R.cartView;
    const p = c * R.checkoutStart * R.informationToShipping * R.shippingToPayment;
    cart += w * c;
    payment += w * p;
    coupon += w * p * R.couponEntered[persona];
  });
  const discount = COUPONS.reduce((s, x) => s + x.share * x.discount, 0) * 0.3;
  return { cart, shipping: payment / R.shippingToPayment, payment, coupon, aov: EXPECTED_ORDER_REVENUE * (1 - discount) };
}

function saasFunnel() {
  const R = SAAS_RATES;
  const stay = 1 - (R.bounce + 0.5 * R.mobileBounceExtra);
  const signupPage = stay * (R.pricing * R.signupAfterPricing + (1 - R.pricing) * R.signupWithoutPricing);
  let mrr = 0;
  SAAS_PERSONAS.forEach((persona, i) => {
    const w = SAAS_PERSONA_CDF[i]! - (i > 0 ? SAAS_PERSONA_CDF[i - 1]! : 0);
    const cdf = PLAN_CDF[persona];
    const price = (Object.keys(PLANS) as (keyof typeof PLANS)[]).reduce((s, plan, j) => s + (cdf[j]! - (j > 0 ? cdf[j - 1]! : 0)) * PLANS[plan].price, 0);
    const [lo, hi] = SEATS[persona];
    mrr += w * price * ((lo + hi) / 2);
  });
  const subscribe = R.activation * R.subscribeIfActivated + (1 - R.activation) * R.subscribeOtherwise;
  return { signupPage, signup: signupPage * (1 - R.formAbandon), subscribe, mrr };
}

function expectation(p: ProblemDefinition, arrivalsAfter: number): { affected: number; lost: number; formula: string } {
  const extra = p.effect.extraDropOff;
  const money = (x: number) => `$${x.toFixed(2)}`;
  switch (p.id as ProblemId) {
    case 'shop_slow_shipping_step': {
      const f = shopFunnel();
      const affected = arrivalsAfter * 0.58 * f.shipping;
      const orderAfter = SHOP_RATES.paymentToOrder;
      return { affected, lost: affected * extra * orderAfter * f.aov, formula: `affected ${affected.toFixed(0)} x extra drop-off ${extra} x P(order | payment step) ${orderAfter} x AOV ${money(f.aov)}` };
    }
    case 'shop_promo_error_de': {
      const f = shopFunnel();
      const affected = arrivalsAfter * countryShare('DE') * f.coupon;
      return { affected, lost: affected * extra * f.aov, formula: `affected ${affected.toFixed(0)} x extra drop-off ${extra} x AOV ${money(f.aov)}` };
    }
    case 'shop_shipping_page_uturn_gb': {
      const f = shopFunnel();
      const affected = arrivalsAfter * countryShare('GB') * f.cart;
      const R = SHOP_RATES;
      const orderAfter = R.informationToShipping * R.shippingToPayment * R.paymentToOrder;
      return { affected, lost: affected * extra * orderAfter * f.aov, formula: `affected ${affected.toFixed(0)} x extra drop-off ${extra} x P(order | checkout) ${orderAfter.toFixed(3)} x AOV ${money(f.aov)}` };
    }
    case 'saas_signup_phone_field': {
      const f = saasFunnel();
      const affected = arrivalsAfter * 0.5 * f.signupPage;
      return {
        affected,
        lost: affected * extra * f.subscribe * f.mrr * SAAS_REVENUE_MONTHS,
        formula: `affected ${affected.toFixed(0)} x extra drop-off ${extra} x P(subscribe | signup) ${f.subscribe.toFixed(3)} x MRR ${money(f.mrr)} x ${SAAS_REVENUE_MONTHS} months`,
      };
    }
    case 'saas_welcome_email_outlook': {
      const f = saasFunnel();
      const affected = arrivalsAfter * 0.2 * f.signup;
      const R = SAAS_RATES;
      const lift = R.subscribeIfActivated - R.subscribeOtherwise;
      return {
        affected,
        lost: affected * extra * lift * f.mrr * SAAS_REVENUE_MONTHS,
        formula: `affected ${affected.toFixed(0)} x lost activation ${extra} x subscription lift of activation ${lift.toFixed(2)} x MRR ${money(f.mrr)} x ${SAAS_REVENUE_MONTHS} months`,
      };
    }
  }
}
