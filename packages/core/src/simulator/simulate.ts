import type { SegmentMessage } from '../events/segment-schema.ts';
import type { JourneyMap } from '../journey/journey-map.schema.ts';
import { SAAS_JOURNEY } from '../journey/templates/saas.ts';
import { SHOP_JOURNEY } from '../journey/templates/shop.ts';
import { acquisitionPlan, spendMessages, type AcquisitionPlan } from './acquisition.ts';
import { Period } from './clock.ts';
import { PLANTED_PROBLEMS, problemSchedule, type ProblemId } from './problems.ts';
import { SAAS_CAMPAIGNS } from './saas/saas-model.ts';
import { SAAS_WEEKDAYS, simulateSaasCustomer } from './saas/saas-customer.ts';
import type { SaasRun } from './saas/saas-types.ts';
import { simulateShopCustomer, SHOP_WEEKDAYS } from './shop/shop-customer.ts';
import { SHOP_CAMPAIGNS } from './shop/shop-model.ts';
import type { ShopRun } from './shop/shop-types.ts';
import { Writer } from './writer.ts';

export const SCENARIOS = ['shop', 'saas'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const isScenario = (value: unknown): value is Scenario => (SCENARIOS as readonly unknown[]).includes(value);

export interface SimulateOptions {
  readonly scenario: Scenario;
  /** Number of simulated customers (visitors who arrive during the period). */
  readonly customers: number;
  readonly days: number;
  readonly seed: number;
  /** The last simulated day, `YYYY-MM-DD` (UTC). */
  readonly end: string;
}

/** Acquisition mix (paid_search, social, email, organic, referral) and cost per paid visit. */
export const SHOP_ACQUISITION = acquisitionPlan([30, 22, 10, 28, 10], { paid_search: 1.1, social: 0.75 }, SHOP_CAMPAIGNS);
export const SAAS_ACQUISITION = acquisitionPlan([35, 20, 8, 27, 10], { paid_search: 4.6, social: 2.8 }, SAAS_CAMPAIGNS);
const GROWTH = 0.1;

function checkOptions(o: SimulateOptions): void {
  if (!isScenario(o.scenario)) throw new RangeError(`scenario must be one of ${SCENARIOS.join(', ')}, got "${String(o.scenario)}"`);
  if (!Number.isInteger(o.customers) || o.customers < 0) throw new RangeError(`customers must be a non-negative integer, got ${o.customers}`);
  if (!Number.isInteger(o.seed)) throw new RangeError(`seed must be an integer, got ${o.seed}`);
}

export function planOf(scenario: Scenario): AcquisitionPlan {
  return scenario === 'shop' ? SHOP_ACQUISITION : SAAS_ACQUISITION;
}

const effectsOf = <K extends ProblemId>(ids: readonly K[]) => Object.fromEntries(ids.map((id) => [id, PLANTED_PROBLEMS.find((p) => p.id === id)!.effect.extraDropOff])) as Record<K, number>;

/**
 * Simulates the multi-channel journeys of `customers` customers over `days` days ending
 * with `end`, as Segment messages: first the daily marketing spend, then customer after
 * customer, each customer's messages in time order. The same options always give the same
 * messages (byte for byte once serialized); nothing reads the clock or Math.random. Bad
 * options throw a RangeError at the call.
 *
 * @example
 * for (const m of simulate({ scenario: 'shop', customers: 1000, days: 30, seed: 7, end: '2025-03-31' })) send(m);
 */
export function simulate(options: SimulateOptions): Generator<SegmentMessage> {
  // Validate eagerly, so bad options throw at the call rather than at the first message.
  checkOptions(options);
  return generate(options, new Period(options.end, options.days));
}

function* generate(options: SimulateOptions, period: Period): Generator<SegmentMessage> {
  const { scenario, customers, seed } = options;
  const plan = planOf(scenario);
  const days = period.dayWeights(scenario === 'shop' ? SHOP_WEEKDAYS : SAAS_WEEKDAYS, GROWTH);
  const idPrefix = `sim-${scenario}-${(seed >>> 0).toString(36)}-`;
  yield* spendMessages(period, plan, days.share, customers, seed, idPrefix);
  const w = new Writer(period);
  const schedule = problemSchedule(period.days);
  if (scenario === 'shop') {
    const run: ShopRun = { period, w, schedule, plan, dayCdf: days.cdf, effects: effectsOf(['shop_slow_shipping_step', 'shop_promo_error_de', 'shop_shipping_page_uturn_gb']) };
    for (let i = 0; i < customers; i++) yield* simulateShopCustomer(run, seed, i, idPrefix);
  } else {
    const run: SaasRun = { period, w, schedule, plan, dayCdf: days.cdf, effects: effectsOf(['saas_signup_phone_field', 'saas_welcome_email_outlook']) };
    for (let i = 0; i < customers; i++) yield* simulateSaasCustomer(run, seed, i, idPrefix);
  }
}

/** The journey map (template) whose touchpoints the scenario's events bind to. */
export function scenarioJourney(scenario: Scenario): JourneyMap {
  return scenario === 'shop' ? SHOP_JOURNEY : SAAS_JOURNEY;
}

/**
 * About how many messages `simulate(options)` yields, from a sample of 300 customers (and
 * the exact number of spend events). Cheap: a few milliseconds.
 */
export function estimateEvents(options: SimulateOptions): number {
  checkOptions(options);
  const sample = Math.min(options.customers, 300);
  if (sample === 0) return 0;
  let count = 0;
  for (const _ of simulate({ ...options, customers: sample })) count++;
  const plan = planOf(options.scenario);
  const spend = options.days * (plan.campaigns.paid_search.length + plan.campaigns.social.length);
  return Math.round(spend + ((count - spend) * options.customers) / sample);
}
