import type { JourneyMap } from '../journey-map.schema.ts';
import { HOME_SECURITY_JOURNEY } from './home-security.ts';
import { PATIENT_CARE_JOURNEY } from './patient-care.ts';
import { SAAS_JOURNEY } from './saas.ts';
import { SHOP_JOURNEY } from './shop.ts';
import { TRAVEL_JOURNEY } from './travel.ts';

/** Ready-made journey maps, by id. `shop` and `saas` speak the simulator's event names. */
export const JOURNEY_TEMPLATES: Readonly<Record<string, JourneyMap>> = Object.freeze({
  shop: SHOP_JOURNEY,
  saas: SAAS_JOURNEY,
  patient_care: PATIENT_CARE_JOURNEY,
  travel: TRAVEL_JOURNEY,
  home_security: HOME_SECURITY_JOURNEY,
});

export { HOME_SECURITY_JOURNEY, PATIENT_CARE_JOURNEY, SAAS_JOURNEY, SHOP_JOURNEY, TRAVEL_JOURNEY };
