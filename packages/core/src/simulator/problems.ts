import { DAY } from './clock.ts';

/**
 * The problems planted in the simulated data, each with its start, the segment it hits, the
 * touchpoint of the scenario's journey map and its true effect. The journeys read the
 * schedule; `groundTruth` reports it. One definition serves both, so they cannot drift.
 */
export const PROBLEM_KINDS = ['slow_page', 'broken_promo', 'u_turn', 'form_field_abandon', 'undelivered_email'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface ProblemSegment {
  /** `event`: a property of the affected events (dotted path); `person`: a trait of the person. */
  readonly scope: 'event' | 'person';
  readonly property: string;
  readonly value: string;
}

export interface PlantedEffect {
  readonly metric: 'drop_off_rate' | 'activation_rate';
  /** The step the rate is measured from and the one it should lead to. */
  readonly from: string;
  readonly to: string;
  /** Absolute change of the drop-off (or loss of activation): 0.25 = 25 percentage points. */
  readonly extraDropOff: number;
}

export interface ProblemDefinition {
  readonly id: string;
  readonly scenario: 'shop' | 'saas';
  readonly kind: ProblemKind;
  readonly description: string;
  readonly touchpointId: string;
  readonly stageId: string;
  readonly pagePath: string | null;
  readonly event: string | null;
  readonly field: string | null;
  readonly segment: ProblemSegment;
  /** Where in the period the problem starts (0 = first day, 1 = last). */
  readonly startFraction: number;
  readonly effect: PlantedEffect;
}

export const PLANTED_PROBLEMS = [
  {
    id: 'shop_slow_shipping_step',
    scenario: 'shop',
    kind: 'slow_page',
    description: 'The shipping step of checkout loads in 4-9 s on mobile (an unoptimised carrier-rates widget); mobile shoppers give up there.',
    touchpointId: 'checkout_shipping',
    stageId: 'purchase',
    pagePath: '/checkout/shipping',
    event: 'Checkout Step Viewed',
    field: null,
    segment: { scope: 'event', property: 'context.device.type', value: 'mobile' },
    startFraction: 0.4,
    effect: { metric: 'drop_off_rate', from: 'Checkout Step Viewed step 2 (shipping)', to: 'Checkout Step Viewed step 3 (payment)', extraDropOff: 0.25 },
  },
  {
    id: 'shop_promo_error_de',
    scenario: 'shop',
    kind: 'broken_promo',
    description: 'Promo codes fail for shoppers in Germany after the VAT-inclusive pricing release: the promotions API throws, the coupon is denied, shoppers rage-click Apply and write to support.',
    touchpointId: 'coupon',
    stageId: 'purchase',
    pagePath: '/checkout/payment',
    event: 'Coupon Denied',
    field: null,
    segment: { scope: 'event', property: 'context.location.country', value: 'DE' },
    startFraction: 0.45,
    effect: { metric: 'drop_off_rate', from: 'Coupon Entered', to: 'Order Completed', extraDropOff: 0.3 },
  },
  {
    id: 'shop_shipping_page_uturn_gb',
    scenario: 'shop',
    kind: 'u_turn',
    description: 'A cart banner sends UK shoppers to a confusing shipping & returns page; they bounce between it and the cart and abandon.',
    touchpointId: 'shipping_info',
    stageId: 'consideration',
    pagePath: '/pages/shipping-returns',
    event: '$page',
    field: null,
    segment: { scope: 'event', property: 'context.location.country', value: 'GB' },
    startFraction: 0.3,
    effect: { metric: 'drop_off_rate', from: 'Cart Viewed', to: 'Checkout Started', extraDropOff: 0.2 },
  },
  {
    id: 'saas_signup_phone_field',
    scenario: 'saas',
    kind: 'form_field_abandon',
    description: 'The redesigned mobile signup form added a required phone field; mobile visitors stop at it and abandon signup.',
    touchpointId: 'signup_form',
    stageId: 'signup',
    pagePath: '/signup',
    event: '$form_abandon',
    field: 'phone',
    segment: { scope: 'event', property: 'context.device.type', value: 'mobile' },
    startFraction: 0.35,
    effect: { metric: 'drop_off_rate', from: '$form_field_focus (form signup)', to: '$form_submit (form signup)', extraDropOff: 0.3 },
  },
  {
    id: 'saas_welcome_email_outlook',
    scenario: 'saas',
    kind: 'undelivered_email',
    description: 'After a change of sending domain, the welcome email (with the invite-your-team link) is silently dropped by outlook.com; those new users activate less.',
    touchpointId: 'welcome_email',
    stageId: 'onboarding',
    pagePath: null,
    event: 'Email Delivered',
    field: null,
    segment: { scope: 'person', property: 'email_domain', value: 'outlook.com' },
    startFraction: 0.5,
    effect: { metric: 'activation_rate', from: 'Signed Up', to: 'Teammate Invited', extraDropOff: 0.2 },
  },
] as const satisfies readonly ProblemDefinition[];

export type ProblemId = (typeof PLANTED_PROBLEMS)[number]['id'];

/** The healthy touchpoint of each scenario: no problem, no difference between segments. */
export const CONTROL_TOUCHPOINTS = {
  shop: { touchpointId: 'product_page', stageId: 'consideration', description: 'Product pages: add-to-cart rate and load times are the same for every device and country.' },
  saas: { touchpointId: 'pricing_page', stageId: 'evaluation', description: 'The pricing page: the share of visitors going on to signup is the same for every device and country.' },
} as const;

/** Day a problem starts: partway through the period, never on the first day when there are two or more. */
export function problemStartDay(days: number, fraction: number): number {
  if (days < 2) return 0;
  return Math.min(days - 1, Math.max(1, Math.round(days * fraction)));
}

/** Start time (ms since the period start) of every planted problem. */
export type ProblemSchedule = Readonly<Record<ProblemId, number>>;

export function problemSchedule(days: number): ProblemSchedule {
  const out = {} as Record<ProblemId, number>;
  for (const p of PLANTED_PROBLEMS) out[p.id] = problemStartDay(days, p.startFraction) * DAY;
  return out;
}

export function problemById(id: ProblemId): ProblemDefinition {
  return PLANTED_PROBLEMS.find((p) => p.id === id)!;
}
