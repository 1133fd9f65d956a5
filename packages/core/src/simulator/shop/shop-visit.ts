import { click, exception, fillForm, healthyLoadMs, rageClicks, viewPage } from '../browser.ts';
import { SECOND_MS, type ShopCustomer, type ShopRun } from './shop-types.ts';
import { CATALOG, CATEGORIES, CHECKOUT_INFORMATION_FIELDS, CHECKOUT_STEPS, COUPONS, DOUBLE_QUANTITY, ITEMS_CDF, SEARCH_QUERIES, SHIPPING_INFO_PATH, SHOP_ORIGIN, SHOP_RATES as R, SHOP_TICKETS, type Product } from './shop-model.ts';
import { openTicket } from '../channels/support.ts';
import { webContext, type Campaign, type Device } from '../people.ts';

export type VisitEntry = 'acquisition' | 'return' | 'email' | 'cart';
export type VisitOutcome = 'bounce' | 'browse' | 'cart' | 'order';

export interface VisitResult {
  readonly end: number;
  readonly outcome: VisitOutcome;
  /** Order revenue (after discount), 0 without an order. */
  readonly revenue: number;
  readonly orderId: string | null;
}

/**
 * One web session of a shop customer: landing, browsing, cart, the three checkout steps and
 * the order, with the planted problems applied to the affected segment after their start.
 */
export function shopVisit(run: ShopRun, c: ShopCustomer, start: number, device: Device, entry: VisitEntry, campaign: Campaign | null): VisitResult {
  const { w, schedule } = run;
  const rng = c.rng;
  const sessionNo = ++c.sessions;
  const bit = device === c.primary ? 1 : 2;
  w.anonymousId = device.anonymousId;
  w.userId = c.knownOn & bit ? c.userId : null;
  w.context = webContext(`${device.anonymousId.slice(5)}-${sessionNo}`, device, c.country, campaign);
  const mobile = device.type === 'mobile';
  const maxX = mobile ? 390 : 1440;
  const maxY = mobile ? 780 : 900;
  let t = start;
  let path = '';
  let referrer = entry === 'acquisition' ? landingReferrer(c) : '';
  const go = (nextPath: string, title: string, selector: string, text: string, loadMs = healthyLoadMs(rng, device.type), lcpMs?: number): void => {
    if (path !== '') {
      // An empty selector: the caller already emitted the click that navigates.
      if (selector !== '') click(w, t, path, selector, text, selector.includes('button') ? 'button' : 'a', rng.int(10, maxX), rng.int(60, maxY), 'page_change');
      referrer = SHOP_ORIGIN + path;
      t += rng.int(80, 400);
    }
    path = nextPath;
    t = viewPage(w, rng, t, SHOP_ORIGIN, nextPath, title, referrer, loadMs, lcpMs);
  };
  const dwell = (median: number) => {
    t += Math.round(rng.logNormal(median, 0.6));
  };
  const result = (outcome: VisitOutcome, revenue = 0, orderId: string | null = null): VisitResult => ({ end: t, outcome, revenue, orderId });

  // Landing.
  if (entry === 'cart') {
    go('/cart', 'Your cart | Hearth & Field', '', '');
  } else if (entry === 'email') {
    go('/collections/new', 'New arrivals | Hearth & Field', '', '');
  } else if (c.source === 'paid_search' || c.source === 'social') {
    const category = rng.pick(CATEGORIES);
    go(`/collections/${category}`, `${cap(category)} | Hearth & Field`, '', '');
  } else {
    go('/', 'Hearth & Field | Home goods made to last', '', '');
  }
  if (c.knownAt >= 0 && !(c.knownOn & bit)) {
    // A known customer on a device the shop has not seen signs in, linking it to the person.
    dwell(4000);
    go('/account/login', 'Sign in | Hearth & Field', 'a.header__account', 'Sign in');
    dwell(9000);
    signIn(run, c, t, bit, true);
  } else if (c.returning && sessionNo === 1) {
    // A returning customer's remembered login: the SDK identifies on the first page.
    signIn(run, c, t, bit, false);
  }
  if (entry !== 'cart') {
    dwell(9000);
    if (rng.chance((c.returning ? R.bounce.returning : R.bounce.new) + (mobile ? R.bounce.mobileExtra : 0))) return result('bounce');

    // Discovery: a search or a collection, then one to four product pages.
    if (rng.chance(R.search)) {
      const query = rng.pick(SEARCH_QUERIES);
      click(w, t, path, 'input#search', 'Search', 'input', rng.int(10, maxX), 40, 'mutation');
      t += rng.int(2000, 6000);
      w.track(t, 'Products Searched', { query });
      go(`/search?q=${encodeURIComponent(query)}`, `Search: ${query} | Hearth & Field`, 'form#search button', 'Search');
    } else {
      const category = rng.pick(CATEGORIES);
      go(`/collections/${category}`, `${cap(category)} | Hearth & Field`, 'a.nav__link', cap(category));
      w.track(t, 'Product List Viewed', { list_id: category, category });
    }
    dwell(12000);
    const views = rng.int(1, 4);
    let picked: Product | null = null;
    for (let v = 0; v < views; v++) {
      const product = rng.pick(CATALOG);
      go(`/products/${product.slug}`, `${product.name} | Hearth & Field`, 'a.product-card', product.name);
      w.track(t, 'Product Viewed', { product_id: product.id, sku: product.sku, name: product.name, category: product.category, price: product.price, currency: 'USD' });
      const extraClicks = rng.int(0, 2);
      for (let k = 0; k < extraClicks; k++) {
        t += rng.int(2000, 9000);
        click(w, t, path, 'img.product-gallery__thumb', '', 'img', rng.int(10, maxX), rng.int(200, maxY), 'mutation');
      }
      dwell(20000);
      picked = product;
    }
    // The control touchpoint: one add-to-cart decision per visit, by persona only.
    if (!rng.chance(R.addToCart[c.persona])) return result('browse');
    addItems(run, c, t, path, picked!, maxX, maxY);
    t += rng.int(1500, 5000);
    if (!rng.chance(R.cartView)) return result('cart');
    go('/cart', 'Your cart | Hearth & Field', 'a.header__cart', 'Cart');
  }
  w.track(t, 'Cart Viewed', { cart_id: c.cartId, products: c.cartLines, value: cartValue(c) });
  dwell(8000);

  // The shipping & returns page: most read it once; affected UK shoppers U-turn.
  const uTurn = c.country === 'GB' && t >= schedule.shop_shipping_page_uturn_gb;
  if (uTurn) {
    const turns = rng.int(2, 4);
    for (let k = 0; k < turns; k++) {
      go(SHIPPING_INFO_PATH, 'Shipping & returns | Hearth & Field', 'a.cart__shipping-banner', 'Shipping to the UK? See rates');
      t += rng.int(1500, 4200);
      go('/cart', 'Your cart | Hearth & Field', 'a.breadcrumb__back', 'Back to cart');
      dwell(4000);
    }
    if (rng.chance(0.08)) openTicket(w, rng, t + Math.round(rng.logNormal(3_600_000, 0.8)), c.userId, `T-${c.tag}-${sessionNo}s`, SHOP_TICKETS.shippingCosts, 'low');
  } else if (rng.chance(R.shippingInfoPage)) {
    go(SHIPPING_INFO_PATH, 'Shipping & returns | Hearth & Field', 'a.cart__shipping-link', 'Shipping & returns');
    dwell(35000);
    go('/cart', 'Your cart | Hearth & Field', 'a.breadcrumb__back', 'Back to cart');
    dwell(4000);
  }
  if (!rng.chance(R.checkoutStart - (uTurn ? problemEffect(run, 'shop_shipping_page_uturn_gb') : 0))) return result('cart');

  // Checkout step 1: contact and address. Guests type it and become known here.
  const checkoutId = `chk_${c.tag}_${sessionNo}`;
  const [info, ship, pay] = CHECKOUT_STEPS;
  click(w, t, path, 'button#checkout', 'Check out', 'button', rng.int(10, maxX), rng.int(400, maxY), 'page_change');
  w.track(t, 'Checkout Started', { checkout_id: checkoutId, value: cartValue(c), currency: 'USD', products: c.cartLines });
  go(info.path, info.title, '', '');
  w.track(t, 'Checkout Step Viewed', { checkout_id: checkoutId, step: info.step, step_name: info.name });
  const continueInfo = rng.chance(R.informationToShipping);
  if (!(c.knownOn & bit)) {
    t = fillForm(w, rng, t + 1500, path, 'checkout_information', CHECKOUT_INFORMATION_FIELDS, continueInfo ? -1 : rng.int(0, CHECKOUT_INFORMATION_FIELDS.length - 1));
    if (!continueInfo) return result('cart');
    signIn(run, c, t, bit, false);
  } else {
    dwell(6000);
    if (!continueInfo) return result('cart');
  }
  w.track(t, 'Checkout Step Completed', { checkout_id: checkoutId, step: info.step, step_name: info.name });

  // Checkout step 2: shipping. Planted: slow on mobile after the start.
  const slow = mobile && t >= schedule.shop_slow_shipping_step;
  const load = slow ? rng.int(4200, 9000) : healthyLoadMs(rng, device.type);
  go(ship.path, ship.title, 'button#continue', 'Continue to shipping', load, slow ? load + rng.int(200, 900) : undefined);
  w.track(t, 'Checkout Step Viewed', { checkout_id: checkoutId, step: ship.step, step_name: ship.name });
  dwell(7000);
  if (!rng.chance(R.shippingToPayment - (slow ? problemEffect(run, 'shop_slow_shipping_step') : 0))) return result('cart');
  const shippingMethod = rng.chance(0.8) ? 'standard' : 'express';
  click(w, t, path, `input#shipping-${shippingMethod}`, shippingMethod === 'standard' ? 'Standard (3-5 days)' : 'Express (1-2 days)', 'input', rng.int(10, maxX), rng.int(200, maxY), 'mutation');
  t += rng.int(1000, 4000);
  w.track(t, 'Checkout Step Completed', { checkout_id: checkoutId, step: ship.step, step_name: ship.name, shipping_method: shippingMethod });

  // Checkout step 3: payment, where coupons are entered. Planted: coupons break for DE.
  go(pay.path, pay.title, 'button#continue', 'Continue to payment');
  w.track(t, 'Checkout Step Viewed', { checkout_id: checkoutId, step: pay.step, step_name: pay.name });
  dwell(6000);
  let discountRate = 0;
  let couponCode: string | null = null;
  let brokenPromo = false;
  if (rng.chance(R.couponEntered[c.persona])) {
    const u = rng.next();
    const coupon = u < COUPONS[0].share ? COUPONS[0] : u < COUPONS[0].share + COUPONS[1].share ? COUPONS[1] : COUPONS[2];
    const x = rng.int(10, maxX);
    const y = rng.int(300, maxY);
    brokenPromo = c.country === 'DE' && t >= schedule.shop_promo_error_de;
    click(w, t, path, 'button#apply-coupon', 'Apply', 'button', x, y, brokenPromo ? 'none' : 'mutation');
    w.track(t + 40, 'Coupon Entered', { checkout_id: checkoutId, cart_id: c.cartId, coupon_id: coupon.code });
    if (brokenPromo) {
      exception(w, t + rng.int(120, 350), path, "TypeError: Cannot read properties of undefined (reading 'vatRate')", `${SHOP_ORIGIN}/assets/checkout.8f3a1c.js`, 1842);
      w.track(t + rng.int(400, 650), 'Coupon Denied', { checkout_id: checkoutId, cart_id: c.cartId, coupon_id: coupon.code, reason: 'Something went wrong. Please try again.' });
      if (rng.chance(0.8)) t = rageClicks(w, rng, t + 700, path, 'button#apply-coupon', 'Apply', 'button', x, y);
      if (rng.chance(0.35)) openTicket(w, rng, t + Math.round(rng.logNormal(2 * 3_600_000, 0.8)), c.userId, `T-${c.tag}-${sessionNo}p`, SHOP_TICKETS.promoCode, 'normal');
    } else if (rng.chance(R.couponApplied)) {
      discountRate = coupon.discount;
      couponCode = coupon.code;
      w.track(t + rng.int(300, 600), 'Coupon Applied', { checkout_id: checkoutId, cart_id: c.cartId, coupon_id: coupon.code, coupon_name: coupon.code, discount: Math.round(cartValue(c) * coupon.discount * 100) / 100 });
    } else {
      w.track(t + rng.int(300, 600), 'Coupon Denied', { checkout_id: checkoutId, cart_id: c.cartId, coupon_id: coupon.code, reason: 'This code has expired.' });
    }
    t += 3 * SECOND_MS;
  }
  if (!rng.chance(R.paymentToOrder - (brokenPromo ? problemEffect(run, 'shop_promo_error_de') : 0))) return result('cart');
  dwell(25000);
  click(w, t, path, 'button#pay-now', 'Pay now', 'button', rng.int(10, maxX), rng.int(400, maxY), 'page_change');
  t += rng.int(1500, 4000);
  const order = completeOrder(run, c, t, checkoutId, discountRate, couponCode);
  go('/checkout/confirmation', 'Thank you for your order | Hearth & Field', '', '');
  return result('order', order.revenue, order.orderId);
}

function problemEffect(run: ShopRun, id: 'shop_slow_shipping_step' | 'shop_promo_error_de' | 'shop_shipping_page_uturn_gb'): number {
  return run.effects[id];
}

function landingReferrer(c: ShopCustomer): string {
  switch (c.source) {
    case 'paid_search':
    case 'organic':
      return 'https://www.google.com/';
    case 'social':
      return 'https://l.instagram.com/';
    case 'referral':
      return 'https://mail.google.com/';
    default:
      return '';
  }
}

function addItems(run: ShopRun, c: ShopCustomer, t: number, path: string, first: Product, maxX: number, maxY: number): void {
  const { w } = run;
  const rng = c.rng;
  const items = rng.weighted(ITEMS_CDF) + 1;
  c.cartLines = [];
  for (let i = 0; i < items; i++) {
    const product = i === 0 ? first : rng.pick(CATALOG);
    const quantity = rng.chance(DOUBLE_QUANTITY) ? 2 : 1;
    c.cartLines.push({ product_id: product.id, sku: product.sku, name: product.name, category: product.category, price: product.price, quantity });
    click(w, t, path, 'button#add-to-cart', 'Add to cart', 'button', rng.int(10, maxX), rng.int(300, maxY), 'mutation');
    w.track(t + 150, 'Product Added', { cart_id: c.cartId, product_id: product.id, sku: product.sku, name: product.name, category: product.category, price: product.price, quantity, currency: 'USD' });
    t += rng.int(15_000, 60_000);
  }
}

export function cartValue(c: ShopCustomer): number {
  let v = 0;
  for (const line of c.cartLines) v += line.price * line.quantity;
  return v;
}

function completeOrder(run: ShopRun, c: ShopCustomer, t: number, checkoutId: string, discountRate: number, coupon: string | null): { revenue: number; orderId: string } {
  const subtotal = cartValue(c);
  const discount = Math.round(subtotal * discountRate * 100) / 100;
  const revenue = Math.round((subtotal - discount) * 100) / 100;
  const shipping = coupon === 'FREESHIP' || revenue >= 75 ? 0 : 6.95;
  const tax = c.country === 'US' ? Math.round(revenue * 0.08 * 100) / 100 : 0;
  const orderId = `HF-${c.tag}-${++c.orders}`;
  run.w.track(t, 'Order Completed', {
    checkout_id: checkoutId,
    order_id: orderId,
    affiliation: 'Online Store',
    total: Math.round((revenue + shipping + tax) * 100) / 100,
    subtotal,
    revenue,
    shipping,
    tax,
    discount,
    coupon,
    currency: 'USD',
    products: c.cartLines,
  });
  c.cartLines = [];
  c.cartId = `cart_${c.tag}_${c.orders}`;
  return { revenue, orderId };
}

/** The customer becomes known: identify (merging the device's anonymous id) and, when signing in, Signed In. */
export function signIn(run: ShopRun, c: ShopCustomer, t: number, bit: number, explicit: boolean): void {
  const { w } = run;
  c.knownOn |= bit;
  if (c.knownAt < 0) c.knownAt = t;
  w.userId = c.userId;
  w.identify(t, c.traits);
  if (explicit) w.track(t + 200, 'Signed In', { method: 'password' });
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
