import type { EventMatcher, JourneyMap, SegmentCondition } from '@waymark/core';
import type {
  EventSuggestion, Journey, JourneyChange, JourneyComment, JourneyNumbers, JourneySummary, JourneyVersion, Member, Person, PropertySuggestion, QueryAnswer, Session,
  StoredEvent,
} from './types.ts';
import type { FrictionResult, FrictionSession, JourneyVoice, SessionReplay, SurveyDefinition, SurveyScores, ThemesResult } from './insight-types.ts';

/** An error the API answered with: its code, message and the field at fault (`path`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path: string | null,
  ) {
    super(message);
  }

  /** The message as a person reads it, naming the field when there is one. */
  get display(): string {
    // The server's messages mostly begin with the field already ("steps: ...").
    return this.path && !this.message.startsWith(`${this.path}:`) ? `${this.message} (${this.path})` : this.message;
  }
}

/** Dispatched on `window` when a call finds the session gone. */
export const SIGNED_OUT = 'waymark:signed-out';

type Query = Record<string, string | number | readonly string[] | undefined | null>;

/** A list is the key repeated, once per value. */
const queryString = (query: Query = {}) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined && one !== null && one !== '') params.append(key, String(one));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

/**
 * Every call the web app makes. The session is the HttpOnly cookie, so calls send
 * credentials; calls that change something say they come from the web app, which is how the
 * server tells them from a cross-site form post.
 */
async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-waymark-client'] = 'web';
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', ...(body !== undefined && { body: JSON.stringify(body) }), ...(signal && { signal }) });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'WM_NETWORK', 'The Waymark server cannot be reached', null);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    // A session that ended (signed out elsewhere, expired) sends the app back to sign-in.
    if (response.status === 401 && url !== '/api/auth/me' && url !== '/api/auth/login') window.dispatchEvent(new Event(SIGNED_OUT));
    const error = (parsed as { error?: { code?: string; message?: string; path?: string | null } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? (response.statusText || 'Request failed'), error?.path ?? null);
  }
  return parsed as T;
}

const project = (p: string) => `/api/projects/${encodeURIComponent(p)}`;
const journey = (p: string, id: string) => `${project(p)}/journeys/${encodeURIComponent(id)}`;

/** A segment's conditions: every one of `all`, at least one of `any`, none of `none`. */
export type SegmentGroups = { readonly [group in 'all' | 'any' | 'none']?: readonly SegmentCondition[] };

/** A saved cohort: segment conditions, evaluated when used, or a fixed list of persons. */
export interface SavedCohort {
  readonly id: string;
  readonly name: string;
  readonly definition: ({ readonly kind: 'segment' } & SegmentGroups) | { readonly kind: 'persons'; readonly count: number };
  readonly createdAt: string;
}

/** Whose numbers: a persona of the map, a saved cohort, or both's persons in common (none: everyone). */
export interface OnlyPersons {
  readonly persona?: string | undefined;
  readonly cohort?: string | undefined;
}

export interface NumbersQuery extends OnlyPersons {
  readonly from: string;
  readonly to: string;
  readonly interval?: string | undefined;
}

export const api = {
  login: (email: string, password: string) => request<{ member: Member }>('POST', '/api/auth/login', { email, password }),
  logout: () => request<unknown>('POST', '/api/auth/logout', {}),
  me: () => request<Session>('GET', '/api/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) => request<unknown>('POST', '/api/auth/password', { currentPassword, newPassword }),

  journeys: (p: string) => request<{ journeys: JourneySummary[] }>('GET', `${project(p)}/journeys`),
  journey: (p: string, id: string, version?: number) => request<Journey>('GET', `${journey(p, id)}${queryString({ version })}`),
  createJourney: (p: string, body: { template: string } | { blank: { id: string; name: string } } | { map: JourneyMap }) => request<Journey>('POST', `${project(p)}/journeys`, body),
  saveJourney: (p: string, id: string, map: JourneyMap, baseVersion: number) => request<Journey>('PUT', journey(p, id), { map, baseVersion }),
  versions: (p: string, id: string) => request<{ versions: JourneyVersion[] }>('GET', `${journey(p, id)}/versions`),
  restore: (p: string, id: string, version: number) => request<Journey>('POST', `${journey(p, id)}/restore`, { version }),
  compare: (p: string, id: string, from: number, to: number) => request<{ changes: JourneyChange[] }>('GET', `${journey(p, id)}/compare${queryString({ from, to })}`),
  markSeen: (p: string, id: string, version: number) => request<unknown>('POST', `${journey(p, id)}/seen`, { version }),
  exportJourney: (p: string, id: string) => request<unknown>('GET', `${journey(p, id)}/export`),
  comments: (p: string, id: string) => request<{ comments: JourneyComment[] }>('GET', `${journey(p, id)}/comments`),
  addComment: (p: string, id: string, target: string, text: string) => request<JourneyComment>('POST', `${journey(p, id)}/comments`, { target, text }),
  deleteComment: (p: string, id: string, commentId: string) => request<unknown>('DELETE', `${journey(p, id)}/comments/${encodeURIComponent(commentId)}`),
  numbers: (p: string, id: string, q: NumbersQuery) => request<JourneyNumbers>('GET', `${journey(p, id)}/numbers${queryString({ ...q })}`),

  eventNames: (p: string, q: string) => request<{ events: EventSuggestion[] }>('GET', `${project(p)}/event-names${queryString({ q })}`),
  eventProperties: (p: string, events: string | readonly string[], q: string) => request<{ properties: PropertySuggestion[] }>('GET', `${project(p)}/event-properties${queryString({ event: events, q })}`),
  matcherCount: (p: string, matchers: readonly EventMatcher[], from?: string, to?: string) =>
    request<{ events: number; persons: number }>('POST', `${project(p)}/matcher-count`, { matchers, ...(from && { from }), ...(to && { to }) }),

  /** An analysis; aborting `signal` stops it on the server too (a client that goes away cancels its query). */
  query: <R>(p: string, spec: object, signal?: AbortSignal) => request<QueryAnswer<R>>('POST', `${project(p)}/query`, spec, signal),
  events: (p: string, query: { limit?: number; event?: string } = {}) => request<{ events: StoredEvent[]; next: string | null }>('GET', `${project(p)}/events${queryString(query)}`),
  person: (p: string, id: string) => request<Person>('GET', `${project(p)}/persons/${encodeURIComponent(id)}`),
  personEvents: (p: string, id: string, cursor?: string) => request<{ events: StoredEvent[]; next: string | null }>('GET', `${project(p)}/persons/${encodeURIComponent(id)}/events${queryString({ limit: 200, cursor })}`),
  cohorts: (p: string) => request<{ cohorts: SavedCohort[] }>('GET', `${project(p)}/cohorts`),
  cohortSize: (p: string, id: string) => request<{ count: number }>('GET', `${project(p)}/cohorts/${encodeURIComponent(id)}/persons${queryString({ limit: 0 })}`),
  updateCohort: (p: string, id: string, name: string, members: SegmentGroups) => request<SavedCohort>('PUT', `${project(p)}/cohorts/${encodeURIComponent(id)}`, { name, ...members }),
  deleteCohort: (p: string, id: string) => request<null>('DELETE', `${project(p)}/cohorts/${encodeURIComponent(id)}`),
  saveCohort: (p: string, name: string, members: { from: object } | SegmentGroups) => request<{ id: string; name: string }>('POST', `${project(p)}/cohorts`, { name, ...members }),

  replay: (p: string, sessionId: string) => request<SessionReplay>('GET', `${project(p)}/sessions/${encodeURIComponent(sessionId)}/replay`),
  friction: (p: string, journeyId: string, q: { from: string; to: string } & OnlyPersons) => request<FrictionResult>('GET', `${project(p)}/friction${queryString({ journey: journeyId, ...q })}`),
  frictionSessions: (p: string, q: { journey: string; touchpoint: string; kind?: string | undefined; from: string; to: string } & OnlyPersons) =>
    request<{ sessions: FrictionSession[] }>('GET', `${project(p)}/friction/sessions${queryString({ ...q, limit: 100 })}`),

  surveys: (p: string) => request<{ surveys: SurveyDefinition[] }>('GET', `${project(p)}/surveys`),
  createSurvey: (p: string, survey: object) => request<SurveyDefinition>('POST', `${project(p)}/surveys`, survey),
  saveSurvey: (p: string, id: string, survey: object) => request<SurveyDefinition>('PUT', `${project(p)}/surveys/${encodeURIComponent(id)}`, survey),
  surveyScores: (p: string, id: string, q: { from?: string; to?: string; interval?: string }) => request<SurveyScores>('GET', `${project(p)}/surveys/${encodeURIComponent(id)}/scores${queryString(q)}`),
  voice: (p: string, journeyId: string, range: { from?: string; to?: string } = {}) => request<JourneyVoice>('GET', `${journey(p, journeyId)}/voice${queryString(range)}`),
  themes: (p: string, q: { from?: string | undefined; to?: string | undefined; journey?: string | undefined; touchpoint?: string | undefined; interval?: string | undefined }) =>
    request<ThemesResult>('GET', `${project(p)}/text/themes${queryString(q)}`),
};

/** A thrown value as a sentence for the screen. */
export const errorText = (error: unknown): string => (error instanceof ApiError ? error.display : error instanceof Error ? error.message : String(error));
