import { cumulative, type Rng } from './rng.ts';

/** Who a simulated customer is, independent of the business they deal with. */
export const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'CA', 'AU'] as const;
export type Country = (typeof COUNTRIES)[number];
export const COUNTRY_CDF = cumulative([34, 16, 20, 10, 10, 10]);
const LOCALES: Record<Country, string> = { US: 'en-US', GB: 'en-GB', DE: 'de-DE', FR: 'fr-FR', CA: 'en-CA', AU: 'en-AU' };
const CITIES: Record<Country, readonly string[]> = {
  US: ['New York', 'Austin', 'Chicago', 'Seattle', 'Denver'],
  GB: ['London', 'Manchester', 'Leeds', 'Bristol'],
  DE: ['Berlin', 'Hamburg', 'Munich', 'Cologne'],
  FR: ['Paris', 'Lyon', 'Lille', 'Bordeaux'],
  CA: ['Toronto', 'Vancouver', 'Montreal'],
  AU: ['Sydney', 'Melbourne', 'Brisbane'],
};

export const DEVICE_TYPES = ['mobile', 'desktop'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

const USER_AGENTS: Record<DeviceType, readonly string[]> = {
  mobile: [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  ],
  desktop: [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0',
  ],
};

const FIRST_NAMES = ['Ava', 'Noah', 'Mia', 'Liam', 'Emma', 'Lucas', 'Sofia', 'Leon', 'Chloe', 'Oliver', 'Hannah', 'Jack', 'Lea', 'Arthur', 'Grace', 'Felix', 'Zoe', 'Hugo', 'Isla', 'Ethan', 'Nora', 'Jonas', 'Ruby', 'Theo'];
const LAST_NAMES = ['Smith', 'Johnson', 'Brown', 'Garcia', 'Miller', 'Wilson', 'Taylor', 'Martin', 'Müller', 'Schmidt', 'Dubois', 'Bernard', 'Evans', 'Walker', 'Nguyen', 'Patel', 'Kim', 'Lopez', 'Becker', 'Moreau', 'Clarke', 'Hughes'];

export const LIBRARY_WEB = Object.freeze({ name: '@waymark/sdk-web', version: '0.1.0' });
const DEVICES: Record<DeviceType, Readonly<{ type: DeviceType }>> = {
  mobile: Object.freeze({ type: 'mobile' as const }),
  desktop: Object.freeze({ type: 'desktop' as const }),
};
const LOCATIONS = Object.fromEntries(COUNTRIES.map((c) => [c, Object.freeze({ country: c })])) as Record<Country, Readonly<{ country: Country }>>;

/** One browser or phone a customer uses; its anonymous id stays for the whole period. */
export interface Device {
  readonly anonymousId: string;
  readonly type: DeviceType;
  readonly userAgent: string;
}

export function newDevice(rng: Rng, type: DeviceType): Device {
  return { anonymousId: `anon_${rng.hex()}`, type, userAgent: rng.pick(USER_AGENTS[type]) };
}

export interface Identity {
  readonly firstName: string;
  readonly lastName: string;
  readonly emailLocal: string;
  readonly city: string;
}

export function newIdentity(rng: Rng, country: Country): Identity {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const ascii = lastName.replace('ü', 'ue');
  return { firstName, lastName, emailLocal: `${firstName}.${ascii}${rng.int(1, 999)}`.toLowerCase(), city: rng.pick(CITIES[country]) };
}

export interface Campaign {
  readonly source: string;
  readonly medium: string;
  readonly name: string;
}

/** A web session's context, shared (frozen) by every message of the session. */
export function webContext(sessionId: string, device: Device, country: Country, campaign: Campaign | null): Readonly<Record<string, unknown>> {
  const base = {
    channel: 'web',
    sessionId,
    library: LIBRARY_WEB,
    device: DEVICES[device.type],
    userAgent: device.userAgent,
    locale: LOCALES[country],
    location: LOCATIONS[country],
  };
  return Object.freeze(campaign === null ? base : { ...base, campaign });
}

const serverContext = (channel: string, library: string) => Object.freeze({ channel, library: Object.freeze({ name: library }) });
export const EMAIL_CONTEXT = serverContext('email', 'email-webhook');
export const SUPPORT_CONTEXT = serverContext('support', 'helpdesk-webhook');
export const SURVEY_CONTEXT = serverContext('survey', 'survey-webhook');
export const SERVER_CONTEXT = Object.freeze({ channel: 'server', library: Object.freeze({ name: 'analytics-node', version: '3.1.0' }) });
export const ADS_CONTEXT = serverContext('ads', 'ads-connector');
export const STORE_CONTEXTS = Object.fromEntries(
  COUNTRIES.map((c) => [c, Object.freeze({ channel: 'store', library: Object.freeze({ name: 'pos-connector' }), location: LOCATIONS[c] })]),
) as unknown as Record<Country, Readonly<Record<string, unknown>>>;
