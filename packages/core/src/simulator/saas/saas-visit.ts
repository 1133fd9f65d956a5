import { click, fillForm, healthyLoadMs, viewPage } from '../browser.ts';
import { webContext, type Campaign, type Device } from '../people.ts';
import { BLOG_POSTS, SAAS_ORIGIN, SAAS_RATES as R, SIGNUP_FIELDS, SIGNUP_FIELDS_WITH_PHONE } from './saas-model.ts';
import type { SaasCustomer, SaasRun } from './saas-types.ts';

/** A browsing helper for one session: page views with the navigation click before each. */
export class SaasSession {
  t: number;
  path = '';
  referrer: string;
  readonly #run: SaasRun;
  readonly #c: SaasCustomer;
  readonly #device: Device;
  readonly maxX: number;
  readonly maxY: number;

  constructor(run: SaasRun, c: SaasCustomer, t: number, device: Device, campaign: Campaign | null, referrer: string, known: boolean) {
    this.#run = run;
    this.#c = c;
    this.#device = device;
    this.t = t;
    this.referrer = referrer;
    this.maxX = device.type === 'mobile' ? 390 : 1440;
    this.maxY = device.type === 'mobile' ? 780 : 900;
    const w = run.w;
    w.anonymousId = device.anonymousId;
    w.userId = known ? c.userId : null;
    w.context = webContext(`${device.anonymousId.slice(5)}-${++c.sessions}`, device, c.country, campaign);
  }

  go(path: string, title: string, selector: string, text: string): void {
    const rng = this.#c.rng;
    if (this.path !== '') {
      click(this.#run.w, this.t, this.path, selector, text, selector.includes('button') ? 'button' : 'a', rng.int(10, this.maxX), rng.int(60, this.maxY), 'page_change');
      this.referrer = SAAS_ORIGIN + this.path;
      this.t += rng.int(80, 400);
    }
    this.path = path;
    this.t = viewPage(this.#run.w, rng, this.t, SAAS_ORIGIN, path, title, this.referrer, healthyLoadMs(rng, this.#device.type));
  }

  dwell(median: number): void {
    this.t += Math.round(this.#c.rng.logNormal(median, 0.6));
  }
}

export interface MarketingVisitResult {
  readonly end: number;
  readonly signedUp: boolean;
}

/**
 * A visit to the marketing site: landing, features / customers / pricing, maybe the signup
 * form (planted: a phone field on mobile that makes people abandon).
 */
export function marketingVisit(run: SaasRun, c: SaasCustomer, t: number, device: Device, campaign: Campaign | null, first: boolean): MarketingVisitResult {
  const { w, schedule } = run;
  const rng = c.rng;
  const referrer = !first ? '' : c.source === 'paid_search' || c.source === 'organic' ? 'https://www.google.com/' : c.source === 'social' ? 'https://www.linkedin.com/' : '';
  const s = new SaasSession(run, c, t, device, first ? campaign : null, referrer, false);
  if (first && c.source === 'organic') {
    const post = rng.pick(BLOG_POSTS);
    s.go(`/blog/${post}`, `${post.replace(/-/g, ' ')} | Tandem blog`, '', '');
  } else if (first && c.source === 'paid_search') {
    s.go('/lp/project-planning', 'Project planning your team will actually use | Tandem', '', '');
  } else {
    s.go('/', 'Tandem: plan projects together', '', '');
  }
  s.dwell(15000);
  if (rng.chance(R.bounce + (device.type === 'mobile' ? R.mobileBounceExtra : 0))) return { end: s.t, signedUp: false };
  if (rng.chance(R.features)) {
    s.go('/features', 'Features | Tandem', 'a.nav__link', 'Features');
    s.dwell(40000);
  }
  if (rng.chance(R.customers)) {
    s.go('/customers', 'Customer stories | Tandem', 'a.nav__link', 'Customers');
    s.dwell(30000);
  }
  const pricing = rng.chance(R.pricing);
  if (pricing) {
    // The control touchpoint: the pricing page leads to signup at the same rate for everyone.
    s.go('/pricing', 'Pricing | Tandem', 'a.nav__link', 'Pricing');
    s.dwell(45000);
    click(w, s.t, s.path, 'button.pricing__toggle', 'Annual', 'button', rng.int(10, s.maxX), rng.int(100, s.maxY), 'mutation');
    s.t += rng.int(3000, 15000);
  }
  if (!rng.chance(pricing ? R.signupAfterPricing : R.signupWithoutPricing)) return { end: s.t, signedUp: false };

  s.go('/signup', 'Start your free trial | Tandem', pricing ? 'a.pricing__cta' : 'a.header__cta', 'Start free trial');
  s.t += rng.int(1500, 5000);
  const phone = device.type === 'mobile' && s.t >= schedule.saas_signup_phone_field;
  const fields = phone ? SIGNUP_FIELDS_WITH_PHONE : SIGNUP_FIELDS;
  let abandonAt = -1;
  if (rng.chance(R.formAbandon)) abandonAt = rng.weighted(R.abandonFieldCdf);
  else if (phone && rng.chance(run.effects.saas_signup_phone_field / (1 - R.formAbandon))) abandonAt = SIGNUP_FIELDS.length;
  s.t = fillForm(w, rng, s.t, s.path, 'signup', fields, abandonAt);
  if (abandonAt >= 0) return { end: s.t, signedUp: false };

  c.signedUpAt = s.t;
  w.userId = c.userId;
  w.identify(s.t + 300, {
    email: c.email,
    name: c.name,
    company: c.company,
    company_size: c.companySize,
    plan: 'trial',
    country: c.country,
    persona: c.persona,
    email_domain: c.emailDomain,
    customer_type: 'new',
    acquisition_source: c.source,
    created_at: run.period.iso(s.t),
  });
  w.track(s.t + 400, 'Signed Up', { method: 'email', plan: 'trial', signup_page: '/signup' });
  s.t += 2000;
  s.go('/app/onboarding', 'Welcome | Tandem', 'button#signup-submit', 'Create account');
  s.dwell(20000);
  if (rng.chance(R.firstProject)) {
    click(w, s.t, s.path, 'button#create-project', 'Create project', 'button', rng.int(10, s.maxX), rng.int(100, s.maxY), 'mutation');
    w.track(s.t + 300, 'Project Created', { project_id: `prj_${c.tag}_1`, template: rng.pick(['blank', 'product_launch', 'sprint_board', 'client_onboarding']) });
    s.dwell(60000);
  }
  return { end: s.t, signedUp: true };
}

/**
 * A working session in the app: the board, tasks, and on the activation session the
 * invitations that make the account "activated".
 */
export function appSession(run: SaasRun, c: SaasCustomer, t: number, device: Device, activate: boolean, signIn: boolean): number {
  const { w } = run;
  const rng = c.rng;
  const s = new SaasSession(run, c, t, device, null, '', !signIn);
  if (signIn) {
    s.go('/login', 'Log in | Tandem', '', '');
    s.dwell(8000);
    w.userId = c.userId;
    w.identify(s.t, { email: c.email, name: c.name, company: c.company });
    w.track(s.t + 200, 'Signed In', { method: 'password' });
    s.go('/app/projects', 'Projects | Tandem', 'button#login-submit', 'Log in');
  } else {
    s.go('/app/projects', 'Projects | Tandem', '', '');
  }
  s.dwell(10000);
  if (activate) {
    s.go('/app/settings/team', 'Team | Tandem', 'a.sidebar__team', 'Team');
    const invites = rng.int(1, 4);
    for (let i = 0; i < invites; i++) {
      s.dwell(12000);
      w.track(s.t, 'Teammate Invited', { invitee_role: i === 0 ? 'admin' : 'member', invite_method: 'email' });
    }
    if (rng.chance(R.integration)) {
      s.dwell(20000);
      w.track(s.t, 'Integration Connected', { integration: rng.pick(['slack', 'github', 'google_drive']) });
    }
    return s.t;
  }
  s.go(`/app/projects/prj_${c.tag}_1/board`, 'Board | Tandem', 'a.project-card', 'Open project');
  const tasks = rng.int(1, 3);
  for (let i = 0; i < tasks; i++) {
    s.dwell(25000);
    w.track(s.t, 'Task Created', { project_id: `prj_${c.tag}_1`, source: 'board' });
  }
  return s.t;
}
