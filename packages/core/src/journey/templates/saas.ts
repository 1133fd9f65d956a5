import type { JourneyMap } from '../journey-map.schema.ts';
import { cards, kpi, on, page, stage } from './build.ts';

/**
 * A B2B SaaS product with a 14-day trial, from the first visit to advocacy. Touchpoints are
 * bound to the events the `saas` simulator scenario emits.
 */
export const SAAS_JOURNEY: JourneyMap = {
  id: 'saas',
  name: 'SaaS: signup to advocacy',
  description:
    'Tandem is a project-planning tool sold per seat. The journey follows a team from the marketing site and the signup form through onboarding and the trial to a paid subscription, renewals and referrals.',
  goal: {
    name: 'Paying workspaces',
    description: 'Monthly recurring revenue from workspaces on a paid plan.',
    metric: 'mrr',
    matcher: on('Subscription Started'),
    target: 50000,
    direction: 'higher_is_better',
    unit: 'USD',
  },
  personas: [
    {
      id: 'founder',
      name: 'Farah, the startup founder',
      description: 'Runs a team of five, picks tools herself, decides in a day and watches every dollar.',
      goals: ['Get the team organised this week', 'Stay on a cheap plan'],
      frustrations: ['Long signup forms', 'Sales calls before seeing the product'],
      segment: { all: [{ scope: 'person', property: 'persona', op: 'eq', value: 'founder' }] },
    },
    {
      id: 'team_lead',
      name: 'Tom, the team lead',
      description: 'Leads a product team of 10 to 15 in a mid-size company; needs his team to adopt the tool to justify it.',
      goals: ['Invite the team and move the backlog in', 'Connect Slack and GitHub'],
      frustrations: ['Teammates who never accept the invite', 'Missing onboarding emails'],
      segment: { all: [{ scope: 'person', property: 'persona', op: 'eq', value: 'team_lead' }] },
    },
    {
      id: 'ops_director',
      name: 'Olivia, the operations director',
      description: 'Evaluates tools for a department of 50+, cares about security, permissions and invoices.',
      goals: ['Roll out one tool across teams', 'Predictable per-seat billing'],
      frustrations: ['Seat counts that do not match invoices', 'Guest permissions that confuse contractors'],
      segment: { all: [{ scope: 'person', property: 'persona', op: 'eq', value: 'ops_director' }] },
    },
  ],
  stages: [
    stage('awareness', 'Awareness', 'The team hears about Tandem: a search ad, a blog post, a LinkedIn ad, a colleague.', [
      { id: 'landing', name: 'Landing pages', channel: 'web', owner: 'Marketing', matchers: [page('/'), page('/lp/project-planning')], kpis: [kpi('cac', 'Customer acquisition cost', 'cac', 400, 'lower_is_better', 'USD')] },
      { id: 'blog', name: 'Blog', channel: 'web', owner: 'Content', matchers: [page('/blog/', 'contains')], kpis: [kpi('blog_readers', 'Readers', 'persons', 2000)] },
    ]),
    stage('evaluation', 'Evaluation', 'Features, customer stories and pricing: is it worth a trial?', [
      { id: 'features_page', name: 'Features page', channel: 'web', owner: 'Product marketing', matchers: [page('/features')], kpis: [kpi('features_to_pricing', 'Features to pricing', 'conversion_rate', 0.5)] },
      { id: 'customer_stories', name: 'Customer stories', channel: 'web', owner: 'Product marketing', matchers: [page('/customers')] },
      {
        id: 'pricing_page',
        name: 'Pricing page',
        channel: 'web',
        owner: 'Product marketing',
        momentOfTruth: true,
        matchers: [page('/pricing')],
        kpis: [kpi('pricing_to_signup', 'Pricing to signup page', 'conversion_rate', 0.35)],
      },
    ]),
    stage('signup', 'Signup', 'The signup form and the start of the trial.', [
      {
        id: 'signup_form',
        name: 'Signup form',
        channel: 'web',
        owner: 'Growth squad',
        momentOfTruth: true,
        matchers: [on('$form_submit', [{ property: 'form', op: 'eq', value: 'signup' }]), on('$form_abandon', [{ property: 'form', op: 'eq', value: 'signup' }])],
        kpis: [kpi('form_completion', 'Form completion', 'conversion_rate', 0.7), kpi('form_abandon', 'Form abandonment', 'drop_off_rate', 0.3, 'lower_is_better')],
      },
      { id: 'signed_up', name: 'Account created', channel: 'web', owner: 'Growth squad', matchers: [on('Signed Up')], kpis: [kpi('signups', 'Signups', 'persons', 1500)] },
      { id: 'trial_started', name: 'Trial started', channel: 'server', owner: 'Billing', matchers: [on('Trial Started')] },
    ]),
    stage('onboarding', 'Onboarding', 'Welcome email, first project, inviting the team: the first week decides the trial.', [
      {
        id: 'welcome_email',
        name: 'Welcome email',
        channel: 'email',
        owner: 'Lifecycle marketing',
        matchers: [on('Email Delivered', [{ property: 'email_id', op: 'eq', value: 'welcome' }]), on('Email Opened', [{ property: 'email_id', op: 'eq', value: 'welcome' }])],
        kpis: [kpi('welcome_delivery', 'Delivery rate', 'delivery_rate', 0.98), kpi('welcome_open', 'Open rate', 'open_rate', 0.6)],
      },
      { id: 'first_project', name: 'First project', channel: 'web', owner: 'Onboarding squad', matchers: [on('Project Created')], kpis: [kpi('project_rate', 'Signups creating a project', 'conversion_rate', 0.75)] },
      {
        id: 'activation',
        name: 'Team invited (activation)',
        channel: 'web',
        owner: 'Onboarding squad',
        momentOfTruth: true,
        matchers: [on('Teammate Invited')],
        kpis: [kpi('activation_rate', 'Activation within 7 days', 'activation_rate', 0.55)],
      },
      { id: 'integrations', name: 'Integrations', channel: 'web', owner: 'Platform squad', matchers: [on('Integration Connected')] },
      { id: 'onboarding_ces', name: 'Onboarding effort survey', channel: 'survey', owner: 'Onboarding squad', matchers: [on('Survey Responded', [{ property: 'survey_type', op: 'eq', value: 'ces' }])], kpis: [kpi('ces', 'Customer effort score', 'ces', 5.5)] },
    ]),
    stage('subscription', 'Subscription', 'Trial end, paid plan, monthly renewals, support and cancellations.', [
      {
        id: 'subscription_started',
        name: 'Paid subscription',
        channel: 'server',
        owner: 'Billing',
        momentOfTruth: true,
        matchers: [on('Subscription Started')],
        kpis: [kpi('trial_conversion', 'Trial to paid', 'conversion_rate', 0.25), kpi('mrr', 'New MRR', 'mrr', 50000, 'higher_is_better', 'USD')],
      },
      { id: 'renewal', name: 'Renewal', channel: 'server', owner: 'Billing', matchers: [on('Subscription Renewed')], kpis: [kpi('clv', 'Customer lifetime value', 'clv', 3000, 'higher_is_better', 'USD')] },
      { id: 'cancellation', name: 'Cancellation', channel: 'server', owner: 'Customer success', matchers: [on('Subscription Cancelled')], kpis: [kpi('churn', 'Monthly churn', 'churn_rate', 0.04, 'lower_is_better')] },
      { id: 'product_usage', name: 'Working in the app', channel: 'web', owner: 'Product', matchers: [on('Task Created'), on('Signed In')], kpis: [kpi('weekly_active', 'Weekly active users', 'persons', 800)] },
      {
        id: 'support',
        name: 'Support tickets',
        channel: 'support',
        owner: 'Customer success',
        matchers: [on('Ticket Created'), on('Ticket Resolved')],
        kpis: [kpi('resolution_time', 'Time to resolution', 'resolution_time_ms', 8 * 3_600_000, 'lower_is_better', 'ms'), kpi('fcr', 'First contact resolution', 'first_contact_resolution', 0.7)],
      },
    ]),
    stage('advocacy', 'Advocacy', 'Happy teams recommend Tandem.', [
      { id: 'nps_survey', name: 'Relationship NPS', channel: 'survey', owner: 'CX lead', matchers: [on('Survey Responded', [{ property: 'survey_type', op: 'eq', value: 'nps' }])], kpis: [kpi('nps', 'NPS', 'nps', 35)] },
      { id: 'referral', name: 'Referral', channel: 'server', owner: 'Growth squad', matchers: [on('Referral Sent')], kpis: [kpi('referrals', 'Referrals sent', 'events', 50)] },
    ]),
  ],
  lanes: [
    ...cards('awareness', [
      ['actions', 'Searches "project planning tool for teams", reads a blog post on sprint retros.'],
      ['thoughts', '"Another tool? Our spreadsheet is a mess, though."'],
      ['emotions', 'Skeptical.', 0],
      ['pain_points', 'Generic landing pages that do not speak to their team size.'],
      ['opportunities', 'Landing pages per persona and use case.'],
      ['backstage', 'Paid search, LinkedIn campaigns, SEO content.', undefined, 'Marketing'],
    ]),
    ...cards('evaluation', [
      ['actions', 'Compares plans, toggles annual pricing, reads customer stories.'],
      ['thoughts', '"What will this cost for 12 seats, and is there a catch?"'],
      ['emotions', 'Interested.', 1],
      ['pain_points', 'Seat-based pricing is hard to estimate.'],
      ['opportunities', 'A seat calculator on the pricing page.'],
      ['backstage', 'Pricing experiments, product marketing.', undefined, 'Product marketing'],
    ]),
    ...cards('signup', [
      ['actions', 'Fills in the signup form, creates the workspace.'],
      ['thoughts', '"Why do they need my phone number?"'],
      ['emotions', 'Impatient with every extra field.', -1],
      ['pain_points', 'Required fields that do not matter for a trial.'],
      ['opportunities', 'Sign up with Google; ask for company details later.'],
      ['backstage', 'Auth service, lead enrichment, CRM sync.', undefined, 'Growth squad'],
    ]),
    ...cards('onboarding', [
      ['actions', 'Creates a first project, invites teammates from the welcome email.'],
      ['thoughts', '"Will my team actually use this?"'],
      ['emotions', 'Hopeful; lost without the welcome email.', 1],
      ['pain_points', 'Welcome emails landing in spam or never arriving.'],
      ['opportunities', 'In-app invite prompts that do not depend on email.'],
      ['backstage', 'Email provider, sending domain reputation, onboarding checklist.', undefined, 'Lifecycle marketing'],
    ]),
    ...cards('subscription', [
      ['actions', 'Picks a plan at trial end, pays monthly, asks support about invoices.'],
      ['thoughts', '"Is it worth it for the whole team?"'],
      ['emotions', 'Committed, watching the bill.', 1],
      ['pain_points', 'Seat counts on invoices that lag behind changes.'],
      ['opportunities', 'Usage summaries before each renewal.'],
      ['backstage', 'Billing system, help desk, customer success.', undefined, 'Billing'],
    ]),
    ...cards('advocacy', [
      ['actions', 'Answers the NPS survey, refers another team.'],
      ['thoughts', '"This made our planning painless."'],
      ['emotions', 'Proud of the choice.', 2],
      ['pain_points', 'No easy way to share a referral link.'],
      ['opportunities', 'Referral rewards for promoters right after the survey.'],
      ['backstage', 'Survey tool, referral programme.', undefined, 'Growth squad'],
    ]),
  ],
};
