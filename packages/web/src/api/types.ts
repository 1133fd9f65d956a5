import type { JourneyMap, JourneyNumbers as ComputedJourneyNumbers } from '@waymark/core';

export type { KpiNumbers, KpiStatus } from '@waymark/core';

/** The shapes the Waymark API answers with, as the web app reads them. */

export type Role = 'owner' | 'editor' | 'viewer';

export interface Member {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
}

export interface ProjectRef {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly timeZone: string;
}

export interface Session {
  readonly member: Member;
  readonly projects: readonly ProjectRef[];
}

export interface JourneySummary {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
  readonly touchpoints: number;
  readonly stages: number;
}

export interface Journey {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly map: JourneyMap;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
  readonly lastSeenVersion?: number | null;
}

export interface JourneyVersion {
  readonly version: number;
  readonly name: string;
  readonly createdAt: string;
  readonly author: string;
}

export interface JourneyChange {
  readonly kind: 'added' | 'removed' | 'changed';
  readonly entity: string;
  readonly id: string;
  readonly stageId?: string;
  readonly fields?: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface JourneyComment {
  readonly id: string;
  readonly target: string;
  readonly text: string;
  readonly author: string;
  readonly createdAt: string;
}

/** GET /journeys/:id/numbers: the numbers core computes, with the ranges they cover. */
export interface JourneyNumbers extends ComputedJourneyNumbers {
  readonly range: { readonly from: string; readonly to: string };
  readonly previous: { readonly from: string; readonly to: string } | null;
  readonly interval: string;
}
export type StageNumbers = JourneyNumbers['stages'][number];
export type TouchpointNumbers = JourneyNumbers['touchpoints'][number];

export interface EventSuggestion {
  readonly event: string;
  readonly count: number;
}

export interface PropertySuggestion {
  readonly property: string;
  readonly count: number;
  readonly values: readonly { readonly value: unknown; readonly count: number }[];
}

export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly event: string;
  readonly personId: string | null;
  readonly userId: string | null;
  readonly anonymousId: string | null;
  readonly sessionId: string | null;
  readonly channel: string;
  readonly timestamp: string;
  readonly properties: Record<string, unknown>;
  readonly context: Record<string, unknown>;
}

export interface Person {
  readonly personId: string;
  readonly userIds: readonly string[];
  readonly anonymousIds: readonly string[];
  readonly traits: Record<string, unknown>;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly eventCount: number;
  readonly channels: readonly string[];
}

export interface QueryAnswer<R> {
  readonly kind: string;
  readonly result: R;
  /** `timeZone`: the one the result's periods are in. */
  readonly meta: { readonly ms: number; readonly cached: boolean; readonly timeZone: string };
}
