import type { FrictionKind, SurveyInput } from '@waymark/core';

/** The shapes of the diagnosis APIs (replay, friction, surveys, voice, themes), as the web app reads them. */

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

export interface KindCounts {
  readonly count: number;
  readonly persons: number;
  readonly sessions: number;
  readonly rate: number | null;
}

export type FrictionSignals = Partial<Record<FrictionKind, KindCounts>>;

export interface TouchpointFriction {
  readonly touchpointId: string;
  readonly name: string;
  readonly visits: number;
  readonly score: number;
  readonly signals: FrictionSignals;
}

export interface StageFriction {
  readonly stageId: string;
  readonly name: string;
  readonly visits: number;
  readonly score: number;
  readonly touchpoints: readonly TouchpointFriction[];
}

export interface FrictionResult {
  readonly journey: { readonly id: string; readonly version: number };
  readonly from: string;
  readonly to: string;
  readonly stages: readonly StageFriction[];
}

export interface FrictionSession {
  readonly sessionId: string;
  readonly personId: string;
  readonly start: string;
  readonly signals: Partial<Record<FrictionKind, number>>;
}

export type SurveyDefinition = SurveyInput & { readonly id: string; readonly createdAt: string; readonly updatedAt: string };

export interface NpsScore {
  readonly score: number;
  readonly n: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly ci: { readonly low: number; readonly high: number };
}

export interface ScoreSummary {
  readonly responses: number;
  readonly shown: number;
  readonly responseRate: number | null;
  readonly nps?: NpsScore;
  readonly csat?: { readonly score: number; readonly n: number };
  readonly ces?: { readonly score: number; readonly n: number };
  readonly sentiment?: { readonly negative: number; readonly neutral: number; readonly positive: number; readonly mean: number };
  readonly emotion: number | null;
}

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

export interface Sentiment {
  readonly label: 'negative' | 'neutral' | 'positive';
  readonly score: number;
}

export interface Theme {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  readonly share: number;
  readonly phrases: readonly { readonly text: string; readonly count: number }[];
  readonly sentiment: { readonly mean: number; readonly negative: number; readonly neutral: number; readonly positive: number };
  readonly trend: readonly { readonly period: string; readonly count: number }[];
  readonly change: { readonly period: string; readonly count: number; readonly previous: number; readonly delta: number; readonly ratio: number | null } | null;
  readonly examples: readonly { readonly id: string; readonly text: string; readonly timestamp: string; readonly sentiment: Sentiment }[];
}

export interface ThemesResult {
  readonly range: { readonly from: string; readonly to: string };
  readonly interval: string;
  readonly texts: number;
  readonly truncated: boolean;
  readonly periods: readonly string[];
  readonly themes: readonly Theme[];
}
