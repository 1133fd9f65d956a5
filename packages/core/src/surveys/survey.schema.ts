import { Type, type Static } from '@sinclair/typebox';
import { guard, literals } from '../util/literal-union.ts';
import { EventMatcher, JOURNEY_ID_PATTERN, SegmentDefinition } from '../journey/journey-map.schema.ts';

/**
 * A survey: its questions (NPS, CSAT, CES, choices, open text) with optional branching, who
 * sees it and when (targeting), how it looks, and the touchpoint its answers are tied to.
 * One schema gives the type, the runtime check (`validateSurvey`) and the OpenAPI document.
 */

export const SURVEY_STATUSES = ['draft', 'active', 'paused'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const isSurveyStatus = guard(SURVEY_STATUSES);

export const QUESTION_TYPES = ['nps', 'csat', 'ces', 'single_choice', 'multiple_choice', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const isQuestionType = guard(QUESTION_TYPES);

/** The scale of each score question: NPS 0-10, CSAT 1-5, CES 1-7 (7 = very easy). */
export const SCORE_SCALES = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } } as const;
export type ScoreQuestionType = keyof typeof SCORE_SCALES;
export const isScoreQuestion = (type: QuestionType): type is ScoreQuestionType => type in SCORE_SCALES;

export const SURVEY_POSITIONS = ['bottom-right', 'bottom-left', 'center'] as const;
export type SurveyPosition = (typeof SURVEY_POSITIONS)[number];

/** Where the flow ends early. */
export const END_OF_SURVEY = 'end';

const Id = Type.String({ pattern: JOURNEY_ID_PATTERN, description: 'Lowercase letters, digits, _ and -; at most 64.' });
const closed = { additionalProperties: false } as const;

export const BranchRule = Type.Object(
  {
    when: Type.Object(
      {
        scoreAtMost: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
        scoreAtLeast: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
        choice: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      },
      closed,
    ),
    goTo: Type.String({ minLength: 1, maxLength: 64, description: 'A later question id, or "end".' }),
  },
  closed,
);
export type BranchRule = Static<typeof BranchRule>;

export const SurveyQuestion = Type.Object(
  {
    id: Id,
    type: literals(QUESTION_TYPES, 'Question type'),
    prompt: Type.String({ minLength: 1, maxLength: 500 }),
    choices: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 2, maxItems: 20 })),
    required: Type.Optional(Type.Boolean()),
    branching: Type.Optional(Type.Array(BranchRule, { maxItems: 20 })),
  },
  closed,
);
export type SurveyQuestion = Static<typeof SurveyQuestion>;

export const EventTrigger = Type.Object({ event: EventMatcher }, closed);
export const TouchpointTrigger = Type.Object({ journeyId: Id, touchpointId: Id }, closed);

export const SurveyTargeting = Type.Object(
  {
    trigger: Type.Union([EventTrigger, TouchpointTrigger], { description: 'An event matcher, or a touchpoint of a journey map (its matchers).' }),
    segment: Type.Optional(SegmentDefinition),
    cohortId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    sampleRate: Type.Number({ minimum: 0, maximum: 1, description: 'The share of persons drawn, the same draw for a person every time.' }),
    frequencyCapDays: Type.Number({ minimum: 0, maximum: 3650, description: 'Not shown again to a person within this many days.' }),
    pages: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 20, description: 'Path regular expressions; any one must match.' })),
  },
  closed,
);
export type SurveyTargeting = Static<typeof SurveyTargeting>;

export const SurveyTheme = Type.Object(
  {
    accent: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$', description: 'A CSS hex colour.' })),
    position: Type.Optional(literals(SURVEY_POSITIONS, 'Position')),
  },
  closed,
);
export type SurveyTheme = Static<typeof SurveyTheme>;

/** What a survey's author writes; the server adds the id when none is given. */
export const SurveyInput = Type.Object(
  {
    id: Type.Optional(Id),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    status: literals(SURVEY_STATUSES, 'Status'),
    questions: Type.Array(SurveyQuestion, { minItems: 1, maxItems: 30 }),
    targeting: SurveyTargeting,
    theme: Type.Optional(SurveyTheme),
    touchpointId: Type.Optional(Type.String({ pattern: JOURNEY_ID_PATTERN, description: 'The touchpoint answers are tied to (defaults to a touchpoint trigger).' })),
  },
  { ...closed, $id: 'SurveyInput' },
);
export type SurveyInput = Static<typeof SurveyInput>;

export type Survey = SurveyInput & { readonly id: string };

/** The part of a survey a visitor's browser receives: no targeting, no name. */
export interface PublicSurvey {
  readonly id: string;
  readonly questions: readonly SurveyQuestion[];
  readonly theme?: SurveyTheme;
}

export const publicSurvey = (s: Survey): PublicSurvey => ({ id: s.id, questions: s.questions, ...(s.theme && { theme: s.theme }) });

/** The touchpoint a survey's answers are tied to: its own, or the one that triggers it. */
export const surveyTouchpoint = (s: Survey): string | undefined =>
  s.touchpointId ?? ('touchpointId' in s.targeting.trigger ? s.targeting.trigger.touchpointId : undefined);
