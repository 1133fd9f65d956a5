import type { SegmentMessage } from '../events/segment-schema.ts';
import { HOUR, type Period } from './clock.ts';
import { ADS_CONTEXT, type Campaign } from './people.ts';
import { cumulative, Rng } from './rng.ts';

/** How customers find the business. Paid sources have a cost per visit, reported as daily spend. */
export const ACQUISITION_SOURCES = ['paid_search', 'social', 'email', 'organic', 'referral'] as const;
export type AcquisitionSource = (typeof ACQUISITION_SOURCES)[number];
export const PAID_SOURCES = ['paid_search', 'social'] as const satisfies readonly AcquisitionSource[];

export interface AcquisitionPlan {
  /** Share of new customers per source, in ACQUISITION_SOURCES order. */
  readonly cdf: Float64Array;
  readonly share: readonly number[];
  /** Campaigns per source, with their share within the source. */
  readonly campaigns: Readonly<Record<AcquisitionSource, readonly { campaign: Campaign; share: number }[]>>;
  /** Cost per visit (USD) of the paid sources. */
  readonly costPerVisit: Readonly<Record<(typeof PAID_SOURCES)[number], number>>;
}

export function acquisitionPlan(weights: readonly number[], costPerVisit: AcquisitionPlan['costPerVisit'], campaignNames: Readonly<Record<AcquisitionSource, readonly string[]>>): AcquisitionPlan {
  const total = weights.reduce((a, b) => a + b, 0);
  const utm: Record<AcquisitionSource, [string, string]> = {
    paid_search: ['google', 'cpc'],
    social: ['instagram', 'paid_social'],
    email: ['newsletter', 'email'],
    organic: ['google', 'organic'],
    referral: ['friend', 'referral'],
  };
  const campaigns = {} as Record<AcquisitionSource, { campaign: Campaign; share: number }[]>;
  for (const source of ACQUISITION_SOURCES) {
    const names = campaignNames[source];
    campaigns[source] = names.map((name, i) => ({
      campaign: Object.freeze({ source: utm[source][0], medium: utm[source][1], name }),
      // The first campaign of a source carries most of its traffic.
      share: names.length === 1 ? 1 : i === 0 ? 0.6 : 0.4 / (names.length - 1),
    }));
  }
  return { cdf: cumulative(weights), share: weights.map((w) => w / total), campaigns, costPerVisit };
}

/** Picks a campaign of the source (null for organic traffic, which has no UTM tags). */
export function pickCampaign(rng: Rng, plan: AcquisitionPlan, source: AcquisitionSource): Campaign | null {
  const list = plan.campaigns[source];
  if (source === 'organic' || list.length === 0) return null;
  let u = rng.next();
  for (const c of list) {
    if (u < c.share) return c.campaign;
    u -= c.share;
  }
  return list[list.length - 1]!.campaign;
}

/**
 * One `Marketing Spend` event per paid campaign and day: the expected number of visits the
 * campaign bought that day times its cost per visit, with +-15% day-to-day noise.
 */
export function* spendMessages(
  period: Period,
  plan: AcquisitionPlan,
  dayShare: Float64Array,
  newCustomers: number,
  seed: number,
  idPrefix: string,
): Generator<SegmentMessage> {
  const rng = new Rng(seed, 99, 0);
  for (let d = 0; d < period.days; d++) {
    const timestamp = period.iso(d * 86_400_000 + 23 * HOUR);
    for (const source of PAID_SOURCES) {
      const visits = newCustomers * dayShare[d]! * plan.share[ACQUISITION_SOURCES.indexOf(source)]!;
      for (const { campaign, share } of plan.campaigns[source]) {
        const amount = Math.round(visits * share * plan.costPerVisit[source] * rng.range(0.85, 1.15) * 100) / 100;
        yield {
          type: 'track',
          messageId: `${idPrefix}spend-${source}-${campaign.name}-${d}`,
          anonymousId: `spend:${source}`,
          event: 'Marketing Spend',
          properties: { source, campaign: campaign.name, amount, currency: 'USD', date: period.date(d) },
          context: ADS_CONTEXT,
          timestamp,
        };
      }
    }
  }
}
