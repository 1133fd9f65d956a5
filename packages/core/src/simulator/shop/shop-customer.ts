import type { SegmentMessage } from '../../events/segment-schema.ts';
import { ACQUISITION_SOURCES, pickCampaign } from '../acquisition.ts';
import { sendEmail } from '../channels/email.ts';
import { speakAs } from '../channels/actor.ts';
import { openTicket } from '../channels/support.ts';
import { answerSurvey } from '../channels/survey.ts';
import { DAY, HOUR, searchCdf } from '../clock.ts';
import { COUNTRIES, COUNTRY_CDF, newDevice, newIdentity, SERVER_CONTEXT, STORE_CONTEXTS, type Campaign, type Device } from '../people.ts';
import { cumulative, Rng } from '../rng.ts';
import { CATALOG, SHOP_COMMENTS, SHOP_EMAILS, SHOP_PERSONA_CDF, SHOP_PERSONAS, SHOP_RATES as R, SHOP_TICKETS } from './shop-model.ts';
import type { ShopCustomer, ShopRun } from './shop-types.ts';
import { shopVisit, type VisitEntry } from './shop-visit.ts';

/** Shoppers browse in the evening, a little more on Sundays and Mondays (index 0 = Sunday). */
export const SHOP_WEEKDAYS = [1.15, 1.08, 0.97, 0.95, 0.98, 0.9, 1.0];
const SHOP_HOURS = cumulative([1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 3.5, 3.8, 4, 4.5, 4.2, 4, 4, 4.2, 4.8, 5.5, 6.5, 7, 6.5, 4.5, 2.5]);
const MAX_VISITS = 6;
const NEWSLETTER_CAMPAIGN: Campaign = Object.freeze({ source: 'newsletter', medium: 'email', name: 'weekly_newsletter' });

interface PlannedVisit {
  readonly t: number;
  readonly device: Device;
  readonly entry: VisitEntry;
  readonly campaign: Campaign | null;
}

/** Every message of one shop customer over the period, in time order. */
export function simulateShopCustomer(run: ShopRun, seed: number, index: number, idPrefix: string): readonly SegmentMessage[] {
  const { w, period } = run;
  const rng = new Rng(seed, 1, index);
  const tag = index.toString(36);
  w.begin(`${idPrefix}${tag}-`);
  const persona = SHOP_PERSONAS[rng.weighted(SHOP_PERSONA_CDF)]!;
  const returning = rng.chance(R.returningShare[persona]);
  const country = COUNTRIES[rng.weighted(COUNTRY_CDF)]!;
  const primary = newDevice(rng, rng.chance(0.58) ? 'mobile' : 'desktop');
  const source = ACQUISITION_SOURCES[rng.weighted(run.plan.cdf)]!;
  const campaign = pickCampaign(rng, run.plan, source);
  const person = newIdentity(rng, country);
  const userId = `cus_${rng.hex()}`;
  const email = `${person.emailLocal}@${rng.pick(['gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me'])}`;
  const optIn = rng.chance(R.newsletterOptIn);
  const c: ShopCustomer = {
    rng,
    tag,
    persona,
    returning,
    country,
    source,
    userId,
    email,
    traits: {
      email,
      first_name: person.firstName,
      last_name: person.lastName,
      country,
      city: person.city,
      persona,
      customer_type: returning ? 'returning' : 'new',
      acquisition_source: source,
      newsletter_opt_in: optIn,
    },
    primary,
    second: null,
    knownOn: 0,
    knownAt: -1,
    sessions: 0,
    orders: 0,
    cartId: `cart_${tag}_0`,
    cartLines: [],
  };

  const arrival = searchCdf(run.dayCdf, rng.next()) * DAY + searchCdf(SHOP_HOURS, rng.next()) * HOUR + rng.int(0, HOUR - 1);
  const agenda: PlannedVisit[] = [{ t: arrival, device: primary, entry: 'acquisition', campaign }];
  let visits = 0;
  let storeVisited = false;
  while (agenda.length > 0 && visits < MAX_VISITS) {
    const next = takeEarliest(agenda);
    if (!w.within(next.t)) break;
    visits++;
    const r = shopVisit(run, c, next.t, next.device, next.entry, next.campaign);
    if (r.outcome === 'order') {
      afterOrder(run, c, r.end, r.orderId!);
      if (!storeVisited && (country === 'US' || country === 'GB') && rng.chance(R.storePurchase)) {
        storeVisited = true;
        storePurchase(run, c, r.end + Math.round(rng.logNormal(20 * DAY, 0.5)));
      }
      if (rng.chance(R.repeat[persona])) agenda.push({ t: r.end + Math.round(rng.logNormal(20 * DAY, 0.5)), device: pickDevice(c), entry: 'return', campaign: null });
    } else if (r.outcome === 'cart' && c.knownAt >= 0) {
      const clicked = sendEmail(w, rng, r.end + 3 * HOUR, userId, domainOf(email), SHOP_EMAILS.abandonedCart, { delivered: true, openRate: 0.4, clickRate: 0.35 });
      if (clicked >= 0) agenda.push({ t: clicked + 2000, device: next.device, entry: 'cart', campaign: null });
    } else if (r.outcome === 'cart' ? rng.chance(R.returnAfterCart) : r.outcome === 'browse' ? rng.chance(R.returnAfterBrowse) : rng.chance(0.08)) {
      agenda.push({ t: r.end + Math.round(rng.logNormal(3 * DAY, 0.8)), device: pickDevice(c), entry: 'return', campaign: null });
    }
  }

  // The weekly newsletter (Thursdays, 16:00 UTC) once the customer is known and opted in.
  if (optIn && c.knownAt >= 0) {
    const firstDay = Math.floor(c.knownAt / DAY) + 1;
    for (let d = firstDay; d < period.days; d++) {
      if (period.dayOfWeek[d] !== 4) continue;
      const clicked = sendEmail(w, rng, d * DAY + 16 * HOUR + rng.int(0, 600_000), userId, domainOf(email), SHOP_EMAILS.newsletter, { delivered: rng.chance(0.985), openRate: 0.22, clickRate: 0.15 });
      if (clicked >= 0 && visits < MAX_VISITS + 2) {
        visits++;
        shopVisit(run, c, clicked + 1500, pickDevice(c), 'email', NEWSLETTER_CAMPAIGN);
      }
    }
  }
  return w.finish();
}

function takeEarliest(agenda: PlannedVisit[]): PlannedVisit {
  let best = 0;
  for (let i = 1; i < agenda.length; i++) if (agenda[i]!.t < agenda[best]!.t) best = i;
  return agenda.splice(best, 1)[0]!;
}

/** Known customers sometimes come back on their other device (and sign in there). */
function pickDevice(c: ShopCustomer): Device {
  if (c.knownAt < 0 || !c.rng.chance(R.secondDevice)) return c.second ?? c.primary;
  c.second ??= newDevice(c.rng, c.primary.type === 'mobile' ? 'desktop' : 'mobile');
  return c.second;
}

const domainOf = (email: string) => email.slice(email.indexOf('@') + 1);

/** Confirmation and shipping emails, fulfilment events, a delivery ticket, CSAT and NPS surveys. */
function afterOrder(run: ShopRun, c: ShopCustomer, t: number, orderId: string): void {
  const { w } = run;
  const rng = c.rng;
  sendEmail(w, rng, t + 20_000, c.userId, domainOf(c.email), SHOP_EMAILS.orderConfirmation, { delivered: true, openRate: 0.65, clickRate: 0.08 });
  const shipped = t + Math.round(rng.logNormal(1.2 * DAY, 0.4));
  const delivered = shipped + Math.round(rng.logNormal(2.5 * DAY, 0.4));
  const carrier = c.country === 'US' ? 'UPS' : c.country === 'GB' ? 'Royal Mail' : 'DHL';
  speakAs(w, c.userId, SERVER_CONTEXT, (w) => {
    w.track(shipped, 'Order Shipped', { order_id: orderId, carrier });
    w.track(delivered, 'Order Delivered', { order_id: orderId, carrier, delivery_days: Math.round(((delivered - t) / DAY) * 10) / 10 });
  });
  sendEmail(w, rng, shipped + 60_000, c.userId, domainOf(c.email), SHOP_EMAILS.shipped, { delivered: true, openRate: 0.55, clickRate: 0.25 });
  const late = rng.chance(R.deliveryTicket);
  if (late) openTicket(w, rng, shipped + 3 * DAY + rng.int(0, 8 * HOUR), c.userId, `T-${orderId}`, SHOP_TICKETS.whereIsMyOrder, 'normal');
  if (rng.chance(R.csatSurvey)) answerSurvey(w, rng, delivered + DAY + rng.int(0, 6 * HOUR), c.userId, 'csat', 'post_delivery_csat', 'delivery', late ? 0.3 : 0.78, SHOP_COMMENTS.csat);
  if (c.orders === 1 && rng.chance(R.npsSurvey)) {
    const mood = c.persona === 'loyal_regular' ? 0.85 : c.persona === 'gift_giver' ? 0.72 : 0.6;
    answerSurvey(w, rng, t + 21 * DAY + rng.int(0, 8 * HOUR), c.userId, 'nps', 'relationship_nps', 'loyalty', mood, SHOP_COMMENTS.nps);
  }
}

/** A purchase in one of the two stores (New York, London), linked by the loyalty card. */
function storePurchase(run: ShopRun, c: ShopCustomer, t: number): void {
  const rng = c.rng;
  const product = rng.pick(CATALOG);
  const quantity = rng.chance(0.2) ? 2 : 1;
  const revenue = product.price * quantity;
  const tax = c.country === 'US' ? Math.round(revenue * 0.08875 * 100) / 100 : 0;
  const orderId = `HF-POS-${c.tag}-${++c.orders}`;
  speakAs(run.w, c.userId, STORE_CONTEXTS[c.country], (w) => {
    w.track(t, 'Order Completed', {
      order_id: orderId,
      affiliation: c.country === 'US' ? 'Store: New York SoHo' : 'Store: London Shoreditch',
      store_id: c.country === 'US' ? 'nyc-soho' : 'lon-shoreditch',
      total: Math.round((revenue + tax) * 100) / 100,
      subtotal: revenue,
      revenue,
      shipping: 0,
      tax,
      discount: 0,
      coupon: null,
      currency: 'USD',
      products: [{ product_id: product.id, sku: product.sku, name: product.name, category: product.category, price: product.price, quantity }],
    });
  });
}
