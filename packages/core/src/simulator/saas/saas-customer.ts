import type { SegmentMessage } from '../../events/segment-schema.ts';
import { ACQUISITION_SOURCES, pickCampaign } from '../acquisition.ts';
import { speakAs } from '../channels/actor.ts';
import { sendEmail } from '../channels/email.ts';
import { openTicket } from '../channels/support.ts';
import { answerSurvey } from '../channels/survey.ts';
import { DAY, HOUR, searchCdf } from '../clock.ts';
import { COUNTRIES, COUNTRY_CDF, newDevice, newIdentity, SERVER_CONTEXT, type Device } from '../people.ts';
import { cumulative, Rng } from '../rng.ts';
import { COMPANIES, COMPANY_SIZE, PLAN_CDF, PLANS, SAAS_COMMENTS, SAAS_EMAILS, SAAS_PERSONA_CDF, SAAS_PERSONAS, SAAS_RATES as R, SAAS_TICKETS, SEATS, TRIAL_DAYS, type Plan } from './saas-model.ts';
import type { SaasCustomer, SaasRun } from './saas-types.ts';
import { appSession, marketingVisit } from './saas-visit.ts';

/** B2B traffic: weekdays, office hours (index 0 = Sunday). */
export const SAAS_WEEKDAYS = [0.35, 1.15, 1.2, 1.15, 1.1, 0.9, 0.4];
const SAAS_HOURS = cumulative([0.5, 0.3, 0.3, 0.3, 0.4, 0.8, 1.5, 3, 5, 6.5, 7, 7, 6, 6.5, 7, 6.5, 5.5, 4, 3, 2.5, 2, 1.5, 1, 0.7]);
const PLAN_NAMES = Object.keys(PLANS) as Plan[];
const MONTH = 30 * DAY;

/** Every message of one SaaS prospect (and, if they sign up, customer) over the period, in time order. */
export function simulateSaasCustomer(run: SaasRun, seed: number, index: number, idPrefix: string): readonly SegmentMessage[] {
  const { w, period, schedule } = run;
  const rng = new Rng(seed, 2, index);
  const tag = index.toString(36);
  w.begin(`${idPrefix}${tag}-`);
  const persona = SAAS_PERSONAS[rng.weighted(SAAS_PERSONA_CDF)]!;
  const country = COUNTRIES[rng.weighted(COUNTRY_CDF)]!;
  const source = ACQUISITION_SOURCES[rng.weighted(run.plan.cdf)]!;
  const campaign = pickCampaign(rng, run.plan, source);
  const person = newIdentity(rng, country);
  const company = rng.pick(COMPANIES);
  const u = rng.next();
  const emailDomain = u < 0.35 ? 'gmail.com' : u < 0.55 ? 'outlook.com' : `${company.toLowerCase().replace(/[^a-z]+/g, '')}.com`;
  const c: SaasCustomer = {
    rng,
    tag,
    persona,
    country,
    source,
    userId: `usr_${rng.hex()}`,
    email: `${person.emailLocal}@${emailDomain}`,
    emailDomain,
    company,
    companySize: rng.pick(COMPANY_SIZE[persona]),
    name: `${person.firstName} ${person.lastName}`,
    primary: newDevice(rng, rng.chance(0.5) ? 'mobile' : 'desktop'),
    second: null,
    sessions: 0,
    signedUpAt: -1,
  };

  // Evaluation: up to three visits to the marketing site.
  let t = searchCdf(run.dayCdf, rng.next()) * DAY + searchCdf(SAAS_HOURS, rng.next()) * HOUR + rng.int(0, HOUR - 1);
  for (let visit = 0; visit < 3 && w.within(t); visit++) {
    const r = marketingVisit(run, c, t, c.primary, campaign, visit === 0);
    if (r.signedUp || !rng.chance(R.returnVisit)) break;
    t = r.end + Math.round(rng.logNormal(3 * DAY, 0.6));
  }
  if (c.signedUpAt < 0) return w.finish();
  const signup = c.signedUpAt;
  const server = (at: number, event: string, properties: Record<string, unknown>) => speakAs(w, c.userId, SERVER_CONTEXT, (w) => w.track(at, event, properties));
  server(signup + 1500, 'Trial Started', { plan: 'pro', trial_days: TRIAL_DAYS, trial_end: new Date(period.startMs + signup + TRIAL_DAYS * DAY).toISOString().slice(0, 10) });

  // Onboarding: the welcome email (planted: never delivered to outlook.com), activation.
  const welcomeLost = c.emailDomain === 'outlook.com' && signup >= schedule.saas_welcome_email_outlook;
  sendEmail(w, rng, signup + 30_000, c.userId, emailDomain, SAAS_EMAILS.welcome, { delivered: !welcomeLost, openRate: 0.7, clickRate: 0.35 });
  if (welcomeLost && rng.chance(R.welcomeMissingTicket)) openTicket(w, rng, signup + Math.round(rng.logNormal(1.5 * DAY, 0.5)), c.userId, `T-${tag}-w`, SAAS_TICKETS.welcomeMissing, 'high');
  const activated = rng.chance(R.activation - (welcomeLost ? run.effects.saas_welcome_email_outlook : 0));
  let device: Device = c.primary;
  if (activated) {
    if (rng.chance(R.secondDevice)) device = c.second = newDevice(rng, c.primary.type === 'mobile' ? 'desktop' : 'mobile');
    appSession(run, c, signup + Math.round(rng.logNormal(1.2 * DAY, 0.7)), device, true, device !== c.primary);
  }
  sendEmail(w, rng, signup + 3 * DAY, c.userId, emailDomain, SAAS_EMAILS.inviteTeam, { delivered: true, openRate: 0.45, clickRate: 0.2 });
  if (rng.chance(R.cesSurvey)) answerSurvey(w, rng, signup + 2 * DAY + rng.int(0, 6 * HOUR), c.userId, 'ces', 'onboarding_ces', 'onboarding', activated ? 0.75 : 0.4, SAAS_COMMENTS.ces);
  sendEmail(w, rng, signup + (TRIAL_DAYS - 3) * DAY, c.userId, emailDomain, SAAS_EMAILS.trialEnding, { delivered: true, openRate: 0.5, clickRate: 0.25 });

  // Trial: a few working sessions; activated teams use the product weekly.
  const trialEnd = signup + TRIAL_DAYS * DAY;
  const trialSessions = activated ? rng.int(2, 5) : rng.int(0, 2);
  for (let i = 0; i < trialSessions; i++) appSession(run, c, signup + rng.range(1, TRIAL_DAYS - 1) * DAY, i % 2 === 0 ? c.primary : device, false, false);
  if (!rng.chance(activated ? R.subscribeIfActivated : R.subscribeOtherwise)) return w.finish();

  // Subscription, monthly renewals until cancellation.
  const plan = PLAN_NAMES[rng.weighted(PLAN_CDF[persona])]!;
  const [lo, hi] = SEATS[persona];
  const seats = rng.int(lo, hi);
  const mrr = PLANS[plan].price * seats;
  const subscribed = trialEnd + rng.int(0, 6 * HOUR);
  server(subscribed, 'Subscription Started', { plan, mrr, seats, billing_period: 'monthly', currency: 'USD' });
  speakAs(w, c.userId, SERVER_CONTEXT, (w) => w.identify(subscribed + 1000, { plan, mrr, seats }));
  let cancelledAt = Infinity;
  for (let month = 1; w.within(subscribed + month * MONTH); month++) {
    const at = subscribed + month * MONTH;
    if (rng.chance(R.monthlyChurn[persona])) {
      cancelledAt = at - rng.int(1, 10) * DAY;
      server(cancelledAt, 'Subscription Cancelled', { plan, mrr, seats, months_active: month - 1, reason: rng.pick(['too_expensive', 'switched_tool', 'project_ended', 'missing_features']) });
      break;
    }
    server(at, 'Subscription Renewed', { plan, mrr, seats, period_number: month + 1, currency: 'USD' });
  }
  for (let at = subscribed + rng.range(2, 6) * DAY; at < cancelledAt && w.within(at); at += rng.range(3, 9) * DAY) {
    appSession(run, c, at, rng.chance(0.7) ? c.primary : device, false, false);
  }
  if (rng.chance(R.ticket)) {
    const spec = rng.pick([SAAS_TICKETS.billing, SAAS_TICKETS.integration, SAAS_TICKETS.permissions]);
    openTicket(w, rng, subscribed + rng.range(1, 40) * DAY, c.userId, `T-${tag}-1`, spec, spec.topic === 'billing' ? 'high' : 'normal');
  }

  // Advocacy: NPS after a month; promoters refer colleagues.
  const npsAt = subscribed + MONTH + rng.int(0, 2 * DAY);
  if (npsAt < cancelledAt && rng.chance(R.npsSurvey)) {
    const mood = persona === 'ops_director' ? 0.8 : persona === 'team_lead' ? 0.75 : 0.62;
    const score = answerSurvey(w, rng, npsAt, c.userId, 'nps', 'relationship_nps', 'advocacy', mood, SAAS_COMMENTS.nps);
    if (score >= 9 && rng.chance(R.referralIfPromoter)) {
      server(npsAt + rng.int(60_000, 3 * DAY), 'Referral Sent', { referral_channel: rng.pick(['email', 'link']), reward: 'one_month_free' });
    }
  }
  return w.finish();
}
