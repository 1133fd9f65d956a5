import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { WaymarkError } from '../errors/waymark-error.ts';
import { propertyNumber, propertyValue } from '../analytics/matchers/property-value.ts';
import { pointerToPath } from '../journey/validate-journey-map.ts';
import { SENTIMENT_LABELS, type SentimentLabel } from '../text/sentiment-labels.ts';
import { SENTIMENT_NEUTRAL_BAND } from '../surveys/scores.ts';
import { SURVEY_ANSWERED } from '../surveys/survey-answers.ts';

const closed = { additionalProperties: false } as const;

/** A survey answer that calls for follow-up: a low (or high) score, optionally of one survey or touchpoint. */
export const SurveyAlertCondition = Type.Object(
  {
    survey: Type.Object(
      {
        surveyId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        touchpointId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        questionId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        scoreAtMost: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
        scoreAtLeast: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
        sentiment: Type.Optional(Type.Union(SENTIMENT_LABELS.map((l) => Type.Literal(l)))),
      },
      closed,
    ),
  },
  closed,
);

/** Any event with text (a support ticket, an open answer) whose sentiment, and optionally theme and channel, match. */
export const TextAlertCondition = Type.Object(
  {
    text: Type.Object(
      {
        channel: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$' })),
        sentiment: Type.Union(SENTIMENT_LABELS.map((l) => Type.Literal(l))),
        theme: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      },
      closed,
    ),
  },
  closed,
);

export const AlertTarget = Type.Union([
  Type.Object({ webhook: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000, description: 'Receives a JSON POST; retried on failure.' }) }, closed),
  Type.Object({ email: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 320 }) }, closed),
]);
export type AlertTarget = Static<typeof AlertTarget>;

export const AlertRuleInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    when: Type.Union([SurveyAlertCondition, TextAlertCondition]),
    notify: Type.Array(AlertTarget, { minItems: 1, maxItems: 10 }),
  },
  { ...closed, $id: 'AlertRuleInput' },
);
export type AlertRuleInput = Static<typeof AlertRuleInput>;

/** Checks an alert rule, naming the first bad field. */
export function validateAlertRule(input: unknown): { kind: 'ok'; rule: AlertRuleInput } | { kind: 'error'; error: WaymarkError } {
  const fail = (path: string, message: string) => ({ kind: 'error' as const, error: new WaymarkError('WM_ALERT_RULE_INVALID', path || null, path ? `${path}: ${message}` : message) });
  const first = Value.Errors(AlertRuleInput, input).First();
  if (first) {
    // A union reports at its root; point at the branch the caller meant.
    const body = input as { when?: Record<string, unknown>; notify?: unknown[] };
    const path = pointerToPath(first.path);
    if (path === 'when' && body.when && typeof body.when === 'object') {
      const branch = 'survey' in body.when ? SurveyAlertCondition : 'text' in body.when ? TextAlertCondition : null;
      const inner = branch ? Value.Errors(branch, body.when).First() : null;
      if (inner) return fail(`when.${pointerToPath(inner.path)}`.replace(/\.$/, ''), inner.message);
      if (!branch) return fail('when', 'a condition is { survey: {...} } or { text: {...} }');
    }
    return fail(path, first.message);
  }
  return { kind: 'ok', rule: input as AlertRuleInput };
}

/** What an alert rule reads of an event. */
export interface AlertEvent {
  readonly event: string;
  readonly channel: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The label of a sentiment score from -1 to 1 (the cut VADER uses), or a label already stored. */
export function sentimentLabelOf(value: unknown): SentimentLabel | null {
  if (typeof value === 'string') return (SENTIMENT_LABELS as readonly string[]).includes(value) ? (value as SentimentLabel) : null;
  const n = propertyNumber(value);
  if (n === null) return null;
  return n <= -SENTIMENT_NEUTRAL_BAND ? 'negative' : n >= SENTIMENT_NEUTRAL_BAND ? 'positive' : 'neutral';
}

/**
 * Does the event trip the rule? `sentimentOf` scores an event's `text` when it carries no
 * `sentiment` of its own (a support ticket sent before text analysis ran).
 *
 * @example alertMatches({ survey: { scoreAtMost: 6 } }, { event: 'Survey Answered', channel: 'survey', properties: { score: 3 } }) // true
 */
export function alertMatches(when: AlertRuleInput['when'], e: AlertEvent, sentimentOf: (text: string) => number | null = () => null): boolean {
  const text = propertyValue(e.properties, 'text');
  const sentiment = () => sentimentLabelOf(propertyValue(e.properties, 'sentiment') ?? (typeof text === 'string' ? sentimentOf(text) : null));
  if ('survey' in when) {
    const c = when.survey;
    if (e.event !== SURVEY_ANSWERED) return false;
    if (c.surveyId !== undefined && e.properties['survey_id'] !== c.surveyId) return false;
    if (c.touchpointId !== undefined && e.properties['touchpoint_id'] !== c.touchpointId) return false;
    if (c.questionId !== undefined && e.properties['question_id'] !== c.questionId) return false;
    if (c.scoreAtMost !== undefined || c.scoreAtLeast !== undefined) {
      const score = propertyNumber(e.properties['score']);
      if (score === null) return false;
      if (c.scoreAtMost !== undefined && score > c.scoreAtMost) return false;
      if (c.scoreAtLeast !== undefined && score < c.scoreAtLeast) return false;
    }
    return c.sentiment === undefined || sentiment() === c.sentiment;
  }
  const c = when.text;
  if (typeof text !== 'string') return false;
  if (c.channel !== undefined && e.channel !== c.channel) return false;
  if (c.theme !== undefined) {
    const themes = propertyValue(e.properties, 'themes');
    const single = propertyValue(e.properties, 'theme');
    if (!(Array.isArray(themes) && themes.includes(c.theme)) && single !== c.theme) return false;
  }
  return sentiment() === c.sentiment;
}
