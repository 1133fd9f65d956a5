import type { AcquisitionPlan, AcquisitionSource } from '../acquisition.ts';
import type { Period } from '../clock.ts';
import type { Country, Device } from '../people.ts';
import type { ProblemSchedule } from '../problems.ts';
import type { Rng } from '../rng.ts';
import type { Writer } from '../writer.ts';
import type { ShopPersona } from './shop-model.ts';

export const SECOND_MS = 1000;

/** What every shop customer of one run shares. */
export interface ShopRun {
  readonly period: Period;
  readonly w: Writer;
  readonly schedule: ProblemSchedule;
  readonly plan: AcquisitionPlan;
  readonly dayCdf: Float64Array;
  /** Extra drop-off of each shop problem (from PLANTED_PROBLEMS). */
  readonly effects: Readonly<Record<'shop_slow_shipping_step' | 'shop_promo_error_de' | 'shop_shipping_page_uturn_gb', number>>;
}

export interface CartLine {
  readonly product_id: string;
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly price: number;
  readonly quantity: number;
}

/** One simulated shopper and what the simulation has learnt about them so far. */
export interface ShopCustomer {
  readonly rng: Rng;
  /** Base-36 index, used in ids. */
  readonly tag: string;
  readonly persona: ShopPersona;
  readonly returning: boolean;
  readonly country: Country;
  readonly source: AcquisitionSource;
  readonly userId: string;
  readonly email: string;
  readonly traits: Readonly<Record<string, unknown>>;
  readonly primary: Device;
  second: Device | null;
  /** Devices on which the shop knows the customer: bit 1 primary, bit 2 second. */
  knownOn: number;
  /** When the customer first became known (-1: not yet). */
  knownAt: number;
  sessions: number;
  orders: number;
  cartId: string;
  cartLines: CartLine[];
}
