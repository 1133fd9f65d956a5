/**
 * The metric catalog as data: every metric Waymark computes, with its exact definition, the
 * events and properties it reads (each overridable in the spec), how its value follows from
 * numerator and denominator, and which way is better. docs/analytics/metrics.md is the same
 * catalog in prose; a test keeps the two in step.
 */

/** Event names and property names a metric reads, with the demo vocabulary as defaults. */
export const METRIC_PARAMETER_DEFAULTS = {
  /** Activity: by default any event except `spendEvent` (spend is not a person acting). */
  activeEvent: null as string | null,
  goalEvent: 'Order Completed',
  pageEvent: '$page',
  activationEvent: 'Teammate Invited',
  orderEvent: 'Order Completed',
  revenueProperty: 'revenue',
  subscriptionStartedEvent: 'Subscription Started',
  subscriptionRenewedEvent: 'Subscription Renewed',
  subscriptionCancelledEvent: 'Subscription Cancelled',
  mrrProperty: 'mrr',
  spendEvent: 'Marketing Spend',
  spendProperty: 'amount',
  spendSourceProperty: 'source',
  acquisitionProperty: 'acquisition_source',
  surveyEvent: 'Survey Responded',
  surveyTypeProperty: 'survey_type',
  scoreProperty: 'score',
  ticketCreatedEvent: 'Ticket Created',
  ticketResolvedEvent: 'Ticket Resolved',
  ticketIdProperty: 'ticket_id',
  firstContactProperty: 'first_contact_resolution',
  resolutionTimeProperty: 'resolution_time_ms',
};
export type MetricParameter = keyof typeof METRIC_PARAMETER_DEFAULTS;
export type MetricParameters = { readonly [K in MetricParameter]: (typeof METRIC_PARAMETER_DEFAULTS)[K] };
export const METRIC_PARAMETERS = Object.keys(METRIC_PARAMETER_DEFAULTS) as readonly MetricParameter[];

export const METRIC_FAMILIES = ['engagement', 'revenue', 'support', 'voice'] as const;
export type MetricFamily = (typeof METRIC_FAMILIES)[number];

/**
 * How the value follows from the counts: `ratio` = numerator / denominator x scale (null when the
 * denominator is 0); `total` = numerator x scale; `median` = the numerator, which is the median.
 */
export const METRIC_VALUE_KINDS = ['ratio', 'total', 'median'] as const;
export type MetricValueKind = (typeof METRIC_VALUE_KINDS)[number];

/** What `breakdown` splits by: a property (or $channel) of each counted event, the spend source, or nothing. */
export type MetricBreakdownKind = 'event' | 'source' | 'none';

export interface MetricDefinition {
  readonly id: string;
  readonly name: string;
  readonly family: MetricFamily;
  /** The exact definition, for a window [from, to) (the range, or one period of the series). */
  readonly definition: string;
  readonly numerator: string;
  readonly denominator: string;
  readonly value: MetricValueKind;
  readonly scale: number;
  readonly unit: 'fraction' | 'percent' | 'score' | 'money' | 'ms' | 'persons';
  readonly direction: 'higher_is_better' | 'lower_is_better';
  readonly parameters: readonly MetricParameter[];
  readonly breakdown: MetricBreakdownKind;
}

const ACTIVE = ['activeEvent', 'spendEvent'] as const satisfies readonly MetricParameter[];
const SUBSCRIPTIONS = ['subscriptionStartedEvent', 'subscriptionRenewedEvent', 'subscriptionCancelledEvent'] as const satisfies readonly MetricParameter[];

const ACTIVE_TEXT = 'A person is active in a window when they have an event in it: `activeEvent` if given, otherwise any event except `spendEvent`.';
const SUBSCRIPTION_TEXT =
  "A person's subscription state at an instant is set by their last subscription event before it (by time, then arrival): after `subscriptionStartedEvent` or `subscriptionRenewedEvent` it is active with that event's `mrrProperty`, after `subscriptionCancelledEvent` it is not. One subscription per person.";

const activity = (id: string, name: string, period: string): MetricDefinition => ({
  id,
  name,
  family: 'engagement',
  definition: `The average, over the ${period}s (in the time zone) the window overlaps, of the number of persons active in that ${period} within the window. ${ACTIVE_TEXT}`,
  numerator: `(person, ${period}) pairs with activity in the window`,
  denominator: `${period}s the window overlaps`,
  value: 'ratio',
  scale: 1,
  unit: 'persons',
  direction: 'higher_is_better',
  parameters: ACTIVE,
  breakdown: 'none',
});

export const METRIC_CATALOG = [
  {
    id: 'conversion_rate',
    name: 'Conversion rate',
    family: 'engagement',
    definition: `Of the persons active in the window, the share who did \`goalEvent\` in the window. ${ACTIVE_TEXT}`,
    numerator: 'active persons with a goal event in the window',
    denominator: 'active persons',
    value: 'ratio',
    scale: 1,
    unit: 'fraction',
    direction: 'higher_is_better',
    parameters: ['goalEvent', ...ACTIVE],
    breakdown: 'none',
  },
  {
    id: 'bounce_rate',
    name: 'Bounce rate',
    family: 'engagement',
    definition:
      'Of the sessions that start in the window (a session is the events sharing a session id; it starts at its first event) and have at least one `pageEvent`, the share with exactly one `pageEvent`. All the session\'s events count, also those after the window.',
    numerator: 'sessions with exactly one page view',
    denominator: 'sessions with a page view',
    value: 'ratio',
    scale: 1,
    unit: 'fraction',
    direction: 'lower_is_better',
    parameters: ['pageEvent'],
    breakdown: 'none',
  },
  {
    id: 'session_duration',
    name: 'Session duration',
    family: 'engagement',
    definition: 'The mean, over the sessions that start in the window, of the time from the session\'s first to its last event (ms). A one-event session lasts 0.',
    numerator: 'sum of session durations (ms)',
    denominator: 'sessions',
    value: 'ratio',
    scale: 1,
    unit: 'ms',
    direction: 'higher_is_better',
    parameters: [],
    breakdown: 'none',
  },
  {
    id: 'time_to_activation',
    name: 'Time to activation',
    family: 'engagement',
    definition:
      "Over the persons whose first-ever `activationEvent` falls in the window, the median of the time from the person's first-ever event (of any kind) to it (ms); the median is the lower value at rank (n - 1) / 2.",
    numerator: 'the median (ms)',
    denominator: 'persons activated in the window',
    value: 'median',
    scale: 1,
    unit: 'ms',
    direction: 'lower_is_better',
    parameters: ['activationEvent'],
    breakdown: 'none',
  },
  activity('dau', 'Daily active users (DAU)', 'day'),
  activity('wau', 'Weekly active users (WAU)', 'week'),
  activity('mau', 'Monthly active users (MAU)', 'month'),
  {
    id: 'dau_mau',
    name: 'DAU/MAU',
    family: 'engagement',
    definition: `The window's average daily actives divided by its average monthly actives (for a window of one calendar month: average DAU / MAU). ${ACTIVE_TEXT}`,
    numerator: '(person, day) pairs x months overlapped',
    denominator: '(person, month) pairs x days overlapped',
    value: 'ratio',
    scale: 1,
    unit: 'fraction',
    direction: 'higher_is_better',
    parameters: ACTIVE,
    breakdown: 'none',
  },
  {
    id: 'churn_rate',
    name: 'Churn rate',
    family: 'revenue',
    definition: `Of the subscriptions active at the start of the window, the share with a \`subscriptionCancelledEvent\` in the window. ${SUBSCRIPTION_TEXT}`,
    numerator: 'subscriptions active at the start and cancelled in the window',
    denominator: 'subscriptions active at the start of the window',
    value: 'ratio',
    scale: 1,
    unit: 'fraction',
    direction: 'lower_is_better',
    parameters: SUBSCRIPTIONS,
    breakdown: 'none',
  },
  {
    id: 'repeat_purchase_rate',
    name: 'Repeat purchase rate',
    family: 'revenue',
    definition: 'Of the persons with at least one `orderEvent` in the window, the share with at least two.',
    numerator: 'customers with 2 or more orders in the window',
    denominator: 'customers with 1 or more orders in the window',
    value: 'ratio',
    scale: 1,
    unit: 'fraction',
    direction: 'higher_is_better',
    parameters: ['orderEvent'],
    breakdown: 'none',
  },
  {
    id: 'aov',
    name: 'Average order value (AOV)',
    family: 'revenue',
    definition: 'Over the `orderEvent` events in the window whose `revenueProperty` is a number: their summed revenue divided by their number.',
    numerator: 'revenue',
    denominator: 'orders with a numeric revenue',
    value: 'ratio',
    scale: 1,
    unit: 'money',
    direction: 'higher_is_better',
    parameters: ['orderEvent', 'revenueProperty'],
    breakdown: 'event',
  },
  {
    id: 'arpu',
    name: 'Average revenue per user (ARPU)',
    family: 'revenue',
    definition: `The summed numeric \`revenueProperty\` of the \`orderEvent\` events in the window, divided by the persons active in the window. ${ACTIVE_TEXT}`,
    numerator: 'revenue',
    denominator: 'active persons',
    value: 'ratio',
    scale: 1,
    unit: 'money',
    direction: 'higher_is_better',
    parameters: ['orderEvent', 'revenueProperty', ...ACTIVE],
    breakdown: 'none',
  },
  {
    id: 'mrr',
    name: 'Monthly recurring revenue (MRR)',
    family: 'revenue',
    definition: `The sum of the \`mrrProperty\` of the subscriptions active at the end of the window (a non-numeric mrr counts 0). ${SUBSCRIPTION_TEXT}`,
    numerator: 'MRR',
    denominator: 'active subscriptions at the end of the window',
    value: 'total',
    scale: 1,
    unit: 'money',
    direction: 'higher_is_better',
    parameters: [...SUBSCRIPTIONS, 'mrrProperty'],
    breakdown: 'none',
  },
  {
    id: 'arr',
    name: 'Annual recurring revenue (ARR)',
    family: 'revenue',
    definition: `12 x MRR at the end of the window. ${SUBSCRIPTION_TEXT}`,
    numerator: 'MRR',
    denominator: 'active subscriptions at the end of the window',
    value: 'total',
    scale: 12,
    unit: 'money',
    direction: 'higher_is_better',
    parameters: [...SUBSCRIPTIONS, 'mrrProperty'],
    breakdown: 'none',
  },
  {
    id: 'clv',
    name: 'Historical customer lifetime value (CLV)',
    family: 'revenue',
    definition:
      'Revenue per customer over their lifetime so far, averaged: the summed numeric `revenueProperty` of every `orderEvent` before the end of the window, divided by the persons with an `orderEvent` before the end of the window.',
    numerator: 'lifetime revenue to the end of the window',
    denominator: 'customers to the end of the window',
    value: 'ratio',
    scale: 1,
    unit: 'money',
    direction: 'higher_is_better',
    parameters: ['orderEvent', 'revenueProperty'],
    breakdown: 'none',
  },
  {
    id: 'cac',
    name: 'Customer acquisition cost (CAC) by channel',
    family: 'revenue',
    definition:
      "Per acquisition source: the summed numeric `spendProperty` of the `spendEvent` events in the window whose `spendSourceProperty` is that source, divided by the new customers acquired through it: persons whose first-ever `orderEvent` is in the window and whose first event (by time, then arrival) carrying `acquisitionProperty` names that source. Always broken down by source; the top-level value is blended (all spend / all new customers, those without a source included).",
    numerator: 'spend',
    denominator: 'new customers',
    value: 'ratio',
    scale: 1,
    unit: 'money',
    direction: 'lower_is_better',
    parameters: ['spendEvent', 'spendProperty', 'spendSourceProperty', 'acquisitionProperty', 'orderEvent'],
    breakdown: 'source',
  },
  {
    id: 'nps',
    name: 'Net Promoter Score (NPS)',
    family: 'voice',
    definition:
      "Over the `surveyEvent` events in the window with `surveyTypeProperty` = 'nps' and a numeric `scoreProperty` from 0 to 10: the percentage of promoters (score 9 or more) minus the percentage of detractors (score 6 or less). From -100 to 100.",
    numerator: 'promoters - detractors',
    denominator: 'responses',
    value: 'ratio',
    scale: 100,
    unit: 'score',
    direction: 'higher_is_better',
    parameters: ['surveyEvent', 'surveyTypeProperty', 'scoreProperty'],
    breakdown: 'event',
  },
  {
    id: 'csat',
    name: 'Customer satisfaction (CSAT)',
    family: 'voice',
    definition:
      "Over the `surveyEvent` events in the window with `surveyTypeProperty` = 'csat' and a numeric `scoreProperty` from 1 to 5: the percentage scoring 4 or more.",
    numerator: 'responses scoring 4 to 5',
    denominator: 'responses scoring 1 to 5',
    value: 'ratio',
    scale: 100,
    unit: 'percent',
    direction: 'higher_is_better',
    parameters: ['surveyEvent', 'surveyTypeProperty', 'scoreProperty'],
    breakdown: 'event',
  },
  {
    id: 'ces',
    name: 'Customer effort score (CES)',
    family: 'voice',
    definition: "The mean numeric `scoreProperty` of the `surveyEvent` events in the window with `surveyTypeProperty` = 'ces' (the demo asks on a 1-7 scale, 7 = very easy).",
    numerator: 'sum of scores',
    denominator: 'responses',
    value: 'ratio',
    scale: 1,
    unit: 'score',
    direction: 'higher_is_better',
    parameters: ['surveyEvent', 'surveyTypeProperty', 'scoreProperty'],
    breakdown: 'event',
  },
  {
    id: 'first_contact_resolution',
    name: 'First-contact resolution',
    family: 'support',
    definition: 'Of the `ticketResolvedEvent` events in the window, the share whose `firstContactProperty` is the boolean true.',
    numerator: 'tickets resolved at first contact',
    denominator: 'tickets resolved in the window',
    value: 'ratio',
    scale: 1,
    unit: 'fraction',
    direction: 'higher_is_better',
    parameters: ['ticketResolvedEvent', 'firstContactProperty'],
    breakdown: 'event',
  },
  {
    id: 'resolution_rate',
    name: 'Resolution rate',
    family: 'support',
    definition:
      'Of the distinct tickets (`ticketIdProperty`, as text) with a `ticketCreatedEvent` in the window, the share with a `ticketResolvedEvent` carrying the same ticket id at any time so far.',
    numerator: 'tickets created in the window and resolved',
    denominator: 'tickets created in the window',
    value: 'ratio',
    scale: 1,
    unit: 'fraction',
    direction: 'higher_is_better',
    parameters: ['ticketCreatedEvent', 'ticketResolvedEvent', 'ticketIdProperty'],
    breakdown: 'none',
  },
  {
    id: 'average_handle_time',
    name: 'Average handle time',
    family: 'support',
    definition: 'The mean numeric `resolutionTimeProperty` (ms from creation to resolution) of the `ticketResolvedEvent` events in the window.',
    numerator: 'sum of resolution times (ms)',
    denominator: 'resolved tickets with a numeric resolution time',
    value: 'ratio',
    scale: 1,
    unit: 'ms',
    direction: 'lower_is_better',
    parameters: ['ticketResolvedEvent', 'resolutionTimeProperty'],
    breakdown: 'event',
  },
] as const satisfies readonly MetricDefinition[];

export type MetricId = (typeof METRIC_CATALOG)[number]['id'];
export const METRIC_IDS = METRIC_CATALOG.map((m) => m.id) as readonly MetricId[];
export const isMetricId = (value: unknown): value is MetricId => (METRIC_IDS as readonly unknown[]).includes(value);

/** The catalog entry of a metric. */
export const metricDefinition = (id: MetricId): MetricDefinition => METRIC_CATALOG.find((m) => m.id === id)!;
