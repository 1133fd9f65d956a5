import { Type, type Static } from '@sinclair/typebox';

/** One request scores at most this many texts, each at most this long: about 5 MB, under a second. */
export const MAX_SENTIMENT_TEXTS = 1000;
export const MAX_TEXT_LENGTH = 5000;
/** Themes read at most this many texts (the newest of the range): the answer stays within seconds. */
export const MAX_THEME_TEXTS = 10_000;

export const SentimentRequest = Type.Object(
  { texts: Type.Array(Type.String({ maxLength: MAX_TEXT_LENGTH }), { minItems: 1, maxItems: MAX_SENTIMENT_TEXTS }) },
  { additionalProperties: false },
);
export type SentimentRequest = Static<typeof SentimentRequest>;

const Probabilities = Type.Object({ negative: Type.Number(), neutral: Type.Number(), positive: Type.Number() });
const SentimentSchema = Type.Object(
  {
    label: Type.Union([Type.Literal('negative'), Type.Literal('neutral'), Type.Literal('positive')]),
    score: Type.Number({ description: 'From -1 (negative) to 1 (positive): P(positive) - P(negative).' }),
    probabilities: Probabilities,
  },
);

export const SentimentResponse = Type.Object({ results: Type.Array(SentimentSchema) });

export const ThemesQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ description: 'ISO-8601 or epoch ms; default: 7 days before `to`.' })),
    to: Type.Optional(Type.String({ description: "ISO-8601 or epoch ms, exclusive; default: the end of the newest event's day in the project's time zone." })),
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only events of this channel (survey, support, ...).' })),
    event: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'Only events with this name; default: Survey Answered, Ticket Created, Review Posted.' })),
    touchpoint: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only texts written at this touchpoint (its `touchpoint_id`, or its matchers on `journey`).' })),
    journey: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The journey map whose touchpoint matchers `touchpoint` uses.' })),
    property: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^.]+(\\.[^.]+)*$', description: 'The property holding the text (default `text`).' })),
    interval: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], { description: 'Trend periods (default day).' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Themes to return (default 20).' })),
  },
  { additionalProperties: false },
);
export type ThemesQuery = Static<typeof ThemesQuery>;

const Example = Type.Object({ id: Type.String(), text: Type.String(), timestamp: Type.String({ format: 'date-time' }), sentiment: SentimentSchema });
const ThemeSchema = Type.Object(
  {
    key: Type.String({ description: 'The stem naming the theme; stable across calls.' }),
    label: Type.String({ description: 'Its most frequent phrase as customers wrote it.' }),
    count: Type.Integer({ description: 'Texts in the theme.' }),
    share: Type.Number(),
    phrases: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer() })),
    sentiment: Type.Object({ mean: Type.Number(), negative: Type.Integer(), neutral: Type.Integer(), positive: Type.Integer() }),
    trend: Type.Array(Type.Object({ period: Type.String(), count: Type.Integer() })),
    change: Type.Union([
      Type.Object({ period: Type.String(), count: Type.Integer(), previous: Type.Integer(), delta: Type.Integer(), ratio: Type.Union([Type.Number(), Type.Null()]) }),
      Type.Null(),
    ]),
    examples: Type.Array(Example),
  },
);

export const ThemesResponse = Type.Object({
  range: Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }),
  interval: Type.String(),
  texts: Type.Integer({ description: 'Texts analysed.' }),
  truncated: Type.Boolean({ description: `True when the range held more than ${MAX_THEME_TEXTS} texts: the newest were analysed.` }),
  periods: Type.Array(Type.String()),
  themes: Type.Array(ThemeSchema),
});
