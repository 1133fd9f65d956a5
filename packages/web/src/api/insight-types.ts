import type {
  FrictionKind,
  FrictionResult as FrictionShape,
  KindResult,
  ScoreSummary,
  StageFriction,
  SurveyInput,
  Theme as ThemeShape,
  ThemeExample,
  ThemesResult as ThemesShape,
  TouchpointFriction,
} from '@waymark/core';

/**
 * The shapes of the diagnosis APIs (replay, friction, surveys, voice, themes), as the web app
 * reads them: core's result types where the API sends them as they are, with what the API adds
 * or turns into text (timestamps) said here.
 */

export type { StageFriction, TouchpointFriction };

export interface TimelineEntry {
  readonly event: string;
  readonly type: string;
  readonly timestamp: string;
  readonly properties: Record<string, unknown> | null;
}

/** A session's recording for the player: rrweb events in time order, and the session's own events. */
export interface SessionReplay {
  readonly sessionId: string;
  readonly personId: string | null;
  readonly start: string;
  readonly end: string;
  readonly chunks: readonly { readonly chunkId: string; readonly startedAt: string; readonly endedAt: string; readonly url: string; readonly events: number }[];
  readonly events: readonly { readonly type: number; readonly timestamp: number; readonly data?: unknown }[];
  readonly timeline: readonly TimelineEntry[];
}

export type FrictionSignals = Partial<Record<FrictionKind, KindResult>>;

export type FrictionResult = FrictionShape & { readonly journey: { readonly id: string; readonly version: number } };

export interface FrictionSession {
  readonly sessionId: string;
  readonly personId: string;
  readonly start: string;
  readonly signals: Partial<Record<FrictionKind, number>>;
}

export type SurveyDefinition = SurveyInput & { readonly id: string; readonly createdAt: string; readonly updatedAt: string };

export interface SurveyScores {
  readonly surveyId: string;
  readonly from: string;
  readonly to: string;
  readonly interval: string | null;
  readonly overall: ScoreSummary;
  readonly byTouchpoint: readonly (ScoreSummary & { readonly touchpointId: string })[];
  readonly overTime: readonly (ScoreSummary & { readonly period: string })[];
}

type Voice = Omit<ScoreSummary, 'shown' | 'responseRate'> & { readonly source: 'data' };

/** What customers said at each touchpoint and stage of a map (only those with answers). */
export interface JourneyVoice {
  readonly journeyId: string;
  readonly touchpoints: readonly (Voice & { readonly touchpointId: string; readonly stageId: string })[];
  readonly stages: readonly (Voice & { readonly stageId: string })[];
}

/** A theme as the API sends it: its examples' timestamps as ISO text. */
export type Theme = Omit<ThemeShape, 'examples'> & { readonly examples: readonly (Omit<ThemeExample, 'timestamp'> & { readonly timestamp: string })[] };

export type ThemesResult = Omit<ThemesShape, 'themes'> & {
  readonly range: { readonly from: string; readonly to: string };
  readonly interval: string;
  readonly truncated: boolean;
  readonly themes: readonly Theme[];
};
