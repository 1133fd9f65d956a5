import type { EmailSpec } from '../channels/email.ts';
import type { TicketSpec } from '../channels/support.ts';
import type { SurveyComments } from '../channels/survey.ts';
import type { FormField } from '../browser.ts';
import { cumulative } from '../rng.ts';

/** Hearth & Field, an online home-goods shop with two physical stores. */
export const SHOP_ORIGIN = 'https://www.hearthandfield.com';

export interface Product {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly price: number;
  readonly slug: string;
}

const p = (id: string, name: string, category: string, price: number): Product => ({
  id,
  sku: `HF-${id.toUpperCase()}`,
  name,
  category,
  price,
  slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
});

export const CATALOG: readonly Product[] = [
  p('k101', 'Cast Iron Skillet 26cm', 'kitchen', 49),
  p('k102', 'Stoneware Dinner Set', 'kitchen', 89),
  p('k103', 'Walnut Cutting Board', 'kitchen', 39),
  p('k104', 'Pour-Over Coffee Kit', 'kitchen', 45),
  p('b201', 'Linen Duvet Cover', 'bedding', 129),
  p('b202', 'Merino Throw Blanket', 'bedding', 99),
  p('b203', 'Organic Cotton Sheet Set', 'bedding', 115),
  p('b204', 'Down Alternative Pillow', 'bedding', 35),
  p('l301', 'Brass Table Lamp', 'lighting', 79),
  p('l302', 'Rattan Pendant Shade', 'lighting', 65),
  p('l303', 'Beeswax Candle Trio', 'lighting', 24),
  p('o401', 'Teak Garden Bench', 'outdoor', 249),
  p('o402', 'Outdoor String Lights', 'outdoor', 32),
  p('o403', 'Enamel Watering Can', 'outdoor', 29),
];
export const CATEGORIES = ['kitchen', 'bedding', 'lighting', 'outdoor'] as const;
export const SEARCH_QUERIES = ['linen duvet', 'cast iron', 'table lamp', 'garden bench', 'throw blanket', 'coffee', 'candles', 'sheets queen'];

/** Items per order (1, 2, 3) and the chance each item is bought twice. */
export const ITEMS_CDF = cumulative([55, 30, 15]);
export const DOUBLE_QUANTITY = 0.15;
const MEAN_PRICE = CATALOG.reduce((s, x) => s + x.price, 0) / CATALOG.length;
/** Expected `revenue` of an order before discounts: price x items x quantity. */
export const EXPECTED_ORDER_REVENUE = MEAN_PRICE * (1 * 0.55 + 2 * 0.3 + 3 * 0.15) * (1 + DOUBLE_QUANTITY);

export const SHOP_PERSONAS = ['deal_seeker', 'loyal_regular', 'gift_giver'] as const;
export type ShopPersona = (typeof SHOP_PERSONAS)[number];
export const SHOP_PERSONA_CDF = cumulative([40, 30, 30]);

/** Per-visit step rates. Device and country do not change them, except where a planted problem does. */
export const SHOP_RATES = {
  returningShare: { deal_seeker: 0.15, loyal_regular: 0.7, gift_giver: 0.1 },
  bounce: { new: 0.3, returning: 0.12, mobileExtra: 0.06 },
  search: 0.35,
  addToCart: { deal_seeker: 0.3, loyal_regular: 0.45, gift_giver: 0.38 },
  cartView: 0.92,
  shippingInfoPage: 0.1,
  checkoutStart: 0.66,
  informationToShipping: 0.88,
  shippingToPayment: 0.88,
  couponEntered: { deal_seeker: 0.65, loyal_regular: 0.2, gift_giver: 0.3 },
  couponApplied: 0.85,
  paymentToOrder: 0.86,
  repeat: { deal_seeker: 0.3, loyal_regular: 0.55, gift_giver: 0.15 },
  returnAfterBrowse: 0.25,
  returnAfterCart: 0.2,
  storePurchase: 0.12,
  newsletterOptIn: 0.6,
  secondDevice: 0.3,
  csatSurvey: 0.22,
  npsSurvey: 0.15,
  deliveryTicket: 0.06,
} as const;

export const COUPONS = [
  { code: 'SPRING20', discount: 0.2, share: 0.55 },
  { code: 'WELCOME15', discount: 0.15, share: 0.35 },
  { code: 'FREESHIP', discount: 0, share: 0.1 },
] as const;

export const CHECKOUT_INFORMATION_FIELDS: readonly FormField[] = [
  { name: 'email', medianMs: 5200 },
  { name: 'first_name', medianMs: 2500 },
  { name: 'last_name', medianMs: 2800 },
  { name: 'address', medianMs: 8500 },
  { name: 'city', medianMs: 3000 },
  { name: 'postal_code', medianMs: 3200 },
];

export const CHECKOUT_STEPS = [
  { step: 1, name: 'information', path: '/checkout/information', title: 'Checkout: Information | Hearth & Field' },
  { step: 2, name: 'shipping', path: '/checkout/shipping', title: 'Checkout: Shipping | Hearth & Field' },
  { step: 3, name: 'payment', path: '/checkout/payment', title: 'Checkout: Payment | Hearth & Field' },
] as const;

export const SHIPPING_INFO_PATH = '/pages/shipping-returns';

export const SHOP_EMAILS = {
  orderConfirmation: { campaign: 'transactional', emailId: 'order_confirmation', subject: 'Thanks for your order!', linkUrl: `${SHOP_ORIGIN}/account/orders` },
  shipped: { campaign: 'transactional', emailId: 'order_shipped', subject: 'Your order is on its way', linkUrl: `${SHOP_ORIGIN}/account/orders` },
  abandonedCart: { campaign: 'cart_recovery', emailId: 'abandoned_cart', subject: 'You left something in your cart', linkUrl: `${SHOP_ORIGIN}/cart` },
  newsletter: { campaign: 'weekly_newsletter', emailId: 'newsletter', subject: 'New in: handmade stoneware and linen', linkUrl: `${SHOP_ORIGIN}/collections/new` },
} as const satisfies Record<string, EmailSpec>;

export const SHOP_TICKETS = {
  whereIsMyOrder: {
    topic: 'delivery',
    subject: 'Where is my order?',
    text: 'My tracking link has not updated for three days. Can you tell me when the parcel will arrive?',
    reply: 'Sorry for the wait! The carrier had a backlog at the hub; your parcel is moving again and should arrive within two days.',
  },
  promoCode: {
    topic: 'promo_code',
    subject: 'Promo code not working',
    text: 'I tried to use my SPRING code at checkout and it just says something went wrong. I clicked apply several times. Is the promotion still on?',
    reply: 'Thanks for letting us know. Our promotions service is failing for some orders; we have applied the discount to your account manually.',
  },
  shippingCosts: {
    topic: 'shipping_costs',
    subject: 'How much is shipping to the UK?',
    text: 'Your shipping page lists several tables and I cannot tell what delivery to London costs or whether I pay import duties.',
    reply: 'Standard delivery to the UK is £7.95 and duties are included at checkout. We are clarifying the shipping page.',
  },
} as const satisfies Record<string, TicketSpec>;

export const SHOP_COMMENTS: { csat: SurveyComments; nps: SurveyComments } = {
  csat: {
    low: ['Delivery took much longer than promised.', 'The box arrived damaged.', 'Checkout was painful on my phone.'],
    mid: ['Fine, but shipping was a bit slow.', 'Product is nice, packaging could be less wasteful.'],
    high: ['Arrived quickly and beautifully packed.', 'Exactly as pictured, love it!', 'Great quality for the price.'],
  },
  nps: {
    low: ['Too many problems with my last order.', 'Prices went up and shipping is expensive.'],
    mid: ['Nice products, nothing special about the service.', 'Good, but the site is slow on mobile.'],
    high: ['My go-to shop for gifts.', 'Lovely products and friendly support.', 'Always reliable, I recommend it to friends.'],
  },
};

export const SHOP_CAMPAIGNS = {
  paid_search: ['brand_search', 'generic_home_goods'],
  social: ['spring_prospecting', 'retargeting_carousel'],
  email: ['weekly_newsletter'],
  organic: [],
  referral: ['refer_a_friend'],
} as const;
