import type { FormField } from '../browser.ts';
import type { EmailSpec } from '../channels/email.ts';
import type { TicketSpec } from '../channels/support.ts';
import type { SurveyComments } from '../channels/survey.ts';
import { cumulative } from '../rng.ts';

/** Tandem, a project-planning tool for teams, sold per seat with a 14-day trial. */
export const SAAS_ORIGIN = 'https://tandemhq.com';

export const SAAS_PERSONAS = ['founder', 'team_lead', 'ops_director'] as const;
export type SaasPersona = (typeof SAAS_PERSONAS)[number];
export const SAAS_PERSONA_CDF = cumulative([35, 45, 20]);

export const PLANS = {
  starter: { price: 10 },
  pro: { price: 20 },
  business: { price: 35 },
} as const;
export type Plan = keyof typeof PLANS;

/** Plan chosen at subscription (starter, pro, business) and seats, per persona. */
export const PLAN_CDF: Record<SaasPersona, Float64Array> = {
  founder: cumulative([70, 30, 0]),
  team_lead: cumulative([20, 70, 10]),
  ops_director: cumulative([0, 40, 60]),
};
export const SEATS: Record<SaasPersona, readonly [number, number]> = { founder: [1, 3], team_lead: [4, 15], ops_director: [15, 60] };
export const COMPANY_SIZE: Record<SaasPersona, readonly string[]> = { founder: ['1-10'], team_lead: ['11-50', '51-200'], ops_director: ['201-1000', '1000+'] };
export const COMPANIES = ['Brightline Studio', 'Northwind Labs', 'Copperleaf', 'Fieldnote', 'Harbor & Co', 'Kestrel Analytics', 'Lumen Health', 'Maple Logistics', 'Orbit Works', 'Pinecrest Legal', 'Quarry Digital', 'Riverbend Foods', 'Sable Security', 'Tidewater Energy'];

export const SAAS_RATES = {
  bounce: 0.38,
  mobileBounceExtra: 0.05,
  features: 0.5,
  customers: 0.2,
  pricing: 0.55,
  signupAfterPricing: 0.36,
  signupWithoutPricing: 0.18,
  returnVisit: 0.3,
  /** Share of signup forms abandoned, and at which field (email, full_name, password, company_name, company_size). */
  formAbandon: 0.28,
  abandonFieldCdf: cumulative([15, 10, 35, 10, 30]),
  firstProject: 0.75,
  activation: 0.55,
  subscribeIfActivated: 0.45,
  subscribeOtherwise: 0.08,
  monthlyChurn: { founder: 0.07, team_lead: 0.04, ops_director: 0.02 },
  ticket: 0.15,
  welcomeMissingTicket: 0.12,
  npsSurvey: 0.3,
  referralIfPromoter: 0.35,
  cesSurvey: 0.2,
  secondDevice: 0.3,
  integration: 0.4,
} as const;

export const TRIAL_DAYS = 14;

export const SIGNUP_FIELDS: readonly FormField[] = [
  { name: 'email', medianMs: 5500 },
  { name: 'full_name', medianMs: 3500 },
  { name: 'password', medianMs: 6500 },
  { name: 'company_name', medianMs: 3800 },
  { name: 'company_size', medianMs: 2200 },
];
export const PHONE_FIELD: FormField = { name: 'phone', medianMs: 7000 };
export const SIGNUP_FIELDS_WITH_PHONE: readonly FormField[] = [...SIGNUP_FIELDS, PHONE_FIELD];

export const BLOG_POSTS = ['how-to-run-a-sprint-retro', 'gantt-vs-kanban', 'remote-team-rituals', 'okr-templates'];

export const SAAS_EMAILS = {
  welcome: { campaign: 'onboarding', emailId: 'welcome', subject: 'Welcome to Tandem: invite your team', linkUrl: `${SAAS_ORIGIN}/app/settings/team` },
  inviteTeam: { campaign: 'onboarding', emailId: 'invite_your_team', subject: 'Projects go faster together', linkUrl: `${SAAS_ORIGIN}/app/settings/team` },
  trialEnding: { campaign: 'lifecycle', emailId: 'trial_ending', subject: 'Your Tandem trial ends in 3 days', linkUrl: `${SAAS_ORIGIN}/app/settings/billing` },
  productUpdate: { campaign: 'product_update', emailId: 'monthly_update', subject: "What's new in Tandem: timelines and automations", linkUrl: `${SAAS_ORIGIN}/blog/whats-new` },
} as const satisfies Record<string, EmailSpec>;

export const SAAS_TICKETS = {
  billing: {
    topic: 'billing',
    subject: 'Invoice shows the wrong number of seats',
    text: 'We removed two people last week but the new invoice still charges for them. Can you fix the seat count?',
    reply: 'Seats are billed per cycle; we have prorated the two removed seats and issued a credit note.',
  },
  integration: {
    topic: 'integration',
    subject: 'Slack notifications stopped',
    text: 'Since yesterday our Slack channel no longer gets task updates from Tandem. Nothing changed on our side.',
    reply: 'The Slack token expired after a workspace permission change. Reconnecting under Settings > Integrations fixes it.',
  },
  permissions: {
    topic: 'permissions',
    subject: 'Guest cannot see the board',
    text: 'I invited a contractor as a guest but they get an empty board. How do guest permissions work?',
    reply: 'Guests only see projects they are added to. Open the project, Share, and add them there.',
  },
  welcomeMissing: {
    topic: 'account_access',
    subject: 'Never got the welcome email',
    text: 'I signed up two days ago with my Outlook address and never received the welcome email or the invite link for my team.',
    reply: 'Sorry about that, some messages to outlook.com are being rejected. Here is the invite link; we are fixing our sending domain.',
  },
} as const satisfies Record<string, TicketSpec>;

export const SAAS_COMMENTS: { nps: SurveyComments; ces: SurveyComments } = {
  nps: {
    low: ['Too expensive for what we use.', 'Performance on large boards is poor.', 'Missing a proper timeline view.'],
    mid: ['Solid tool, the mobile app needs work.', 'Good, but reporting is limited.'],
    high: ['Our whole team lives in Tandem now.', 'Simple, fast and the Slack integration is great.', 'Replaced three tools for us.'],
  },
  ces: {
    low: ['I could not figure out how to invite my team.', 'Setup took far too long.'],
    mid: ['Getting started was okay, templates helped.'],
    high: ['Up and running in ten minutes.', 'The onboarding checklist made it easy.'],
  },
};

export const SAAS_CAMPAIGNS = {
  paid_search: ['brand_search', 'competitor_terms'],
  social: ['linkedin_lead_gen', 'retargeting_video'],
  email: ['monthly_update'],
  organic: [],
  referral: ['customer_referral'],
} as const;
