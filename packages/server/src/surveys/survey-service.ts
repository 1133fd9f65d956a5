import { randomUUID } from 'node:crypto';
import {
  surveyAnswerMessages, surveyCapped, checkSurveyAnswers, surveyEventMatchers, inSurveySample, surveyPageAllowed, personaPersonsSql, surveyShownMessage, surveyTriggeredBy, WaymarkError,
  type EventMatcher, type Survey, type SurveyAnswer, type SurveyRespondent,
} from '@waymark/core';
import { cohortPredicate } from '../analytics/cohort-filter.ts';
import type { Runtime } from '../runtime.ts';
import { JourneyStore, type JourneyVersion } from '../stores/state/journey-store.ts';
import { SurveyStore } from '../stores/state/survey-store.ts';
import { answerSentiment } from './answer-sentiment.ts';

/** What the widget asks with: who, where, and the event that just happened (a page view when none). */
export interface EligibilityRequest {
  readonly anonymousId: string;
  readonly userId?: string | undefined;
  readonly event?: { readonly event: string; readonly properties?: Record<string, unknown> | undefined } | undefined;
  readonly path: string;
}

/** Someone a survey is shown to or answered by, as the API names them. */
export interface Respondent extends SurveyRespondent {
  readonly anonymousId?: string | undefined;
  readonly userId?: string | undefined;
}

/**
 * Survey delivery: which active surveys a visitor should see now, recording displays (the
 * frequency cap) and turning answers into events through the capture pipeline.
 */
export class SurveyService {
  readonly surveys: SurveyStore;
  readonly #runtime: Runtime;
  readonly #journeys: JourneyStore;

  constructor(runtime: Runtime) {
    this.#runtime = runtime;
    this.surveys = new SurveyStore(runtime.state.db);
    this.#journeys = new JourneyStore(runtime.state.db);
  }

  async require(projectId: string, id: string): Promise<Survey> {
    const found = await this.surveys.find(projectId, id);
    if (!found) throw new WaymarkError('WM_SURVEY_NOT_FOUND', 'id', `no survey "${id}" in this project`);
    return found.survey;
  }

  async requireActive(projectId: string, id: string): Promise<Survey> {
    const survey = await this.require(projectId, id);
    if (survey.status !== 'active') throw new WaymarkError('WM_SURVEY_NOT_ACTIVE', 'id', `the survey "${id}" is ${survey.status}`);
    return survey;
  }

  /**
   * Active surveys for this visitor now. Cheap checks first (trigger, page, sample), then the
   * frequency cap over every id the person is known by, then segment and cohort in the event
   * store, so a page view costs one query only when a survey is otherwise due.
   */
  async eligible(projectId: string, request: EligibilityRequest, now: number): Promise<Survey[]> {
    const event = request.event ?? { event: '$page', properties: { path: request.path } };
    const personKey = request.userId ?? request.anonymousId;
    const due: Survey[] = [];
    const maps = new Map<string, Promise<JourneyVersion | null>>();
    for (const survey of await this.surveys.listActive(projectId)) {
      const t = survey.targeting;
      if (!surveyPageAllowed(t.pages, request.path)) continue;
      const matchers = await this.#triggerMatchers(projectId, survey, maps);
      if (!surveyTriggeredBy(matchers, event)) continue;
      if (!inSurveySample(survey.id, personKey, t.sampleRate)) continue;
      due.push(survey);
    }
    if (due.length === 0) return [];
    const person = (request.userId ? await this.#runtime.events.findPerson(projectId, request.userId) : null) ?? (await this.#runtime.events.findPerson(projectId, request.anonymousId));
    const keys = personKeys(request, person);
    const out: Survey[] = [];
    for (const survey of due) {
      if (surveyCapped(await this.surveys.lastShown(projectId, survey.id, keys), now, survey.targeting.frequencyCapDays)) continue;
      if (!(await this.#inAudience(projectId, survey, person?.personId ?? null, now))) continue;
      out.push(survey);
    }
    return out;
  }

  /**
   * The event names that can trigger an active survey (from its own matcher or its touchpoint's),
   * sorted: the widget asks about eligibility only after one of these.
   */
  async triggerEvents(projectId: string): Promise<string[]> {
    const names = new Set<string>();
    const maps = new Map<string, Promise<JourneyVersion | null>>();
    for (const survey of await this.surveys.listActive(projectId)) {
      for (const m of await this.#triggerMatchers(projectId, survey, maps)) names.add(m.event);
    }
    return [...names].sort();
  }

  /** Records a display: a `Survey Shown` event, and the cap under each of the person's ids. */
  async shown(projectId: string, keyChannel: string | null, survey: Survey, who: Respondent, now: number): Promise<void> {
    await this.#runtime.pipeline.ingest({ projectId, keyChannel, receivedAt: now, messages: [surveyShownMessage(survey, who, randomUUID())], pathRoot: null });
    const known = await this.#runtime.events.findPerson(projectId, who.userId ?? who.anonymousId!);
    await this.surveys.recordDisplay(projectId, survey.id, personKeys(who, known), new Date(now).toISOString());
  }

  /** Stores a submission as one `Survey Answered` event per answer; returns its response id. */
  async answer(projectId: string, keyChannel: string | null, survey: Survey, answers: readonly SurveyAnswer[], who: Respondent, now: number): Promise<string> {
    const problem = checkSurveyAnswers(survey, answers);
    if (problem) throw problem;
    const responseId = randomUUID();
    const messages = surveyAnswerMessages(survey, answers, who, responseId, answerSentiment);
    await this.#runtime.pipeline.ingest({ projectId, keyChannel, receivedAt: now, messages, pathRoot: null });
    return responseId;
  }

  /**
   * The matchers of a survey's trigger: its own event matcher, or its touchpoint's from the
   * journey map, read once per request (`maps`) however many surveys sit on its touchpoints.
   */
  async #triggerMatchers(projectId: string, survey: Survey, maps: Map<string, Promise<JourneyVersion | null>>): Promise<EventMatcher[]> {
    const own = surveyEventMatchers(survey);
    if (own) return own;
    const trigger = survey.targeting.trigger;
    if (!('journeyId' in trigger)) return [];
    if (!maps.has(trigger.journeyId)) maps.set(trigger.journeyId, this.#journeys.find(projectId, trigger.journeyId));
    const map = await maps.get(trigger.journeyId)!;
    const touchpoint = map?.map.stages.flatMap((s) => s.touchpoints).find((tp) => tp.id === trigger.touchpointId);
    return touchpoint ? touchpoint.matchers : [];
  }

  async #inAudience(projectId: string, survey: Survey, personId: string | null, now: number): Promise<boolean> {
    const { segment, cohortId } = survey.targeting;
    const hasSegment = (segment?.all?.length ?? 0) + (segment?.any?.length ?? 0) > 0;
    if (!hasSegment && !cohortId) return true;
    // A visitor the store has never seen is in no segment yet.
    if (personId === null) return false;
    const d = this.#runtime.engine.dialect;
    const person = d.string(personId);
    if (hasSegment) {
      const persons = personaPersonsSql(d, segment!, projectId)!;
      const rows = await this.#runtime.engine.query(`SELECT count(*) AS n FROM (${persons}) audience WHERE person_id = ${person}`);
      if (Number(rows[0]?.['n'] ?? 0) === 0) return false;
    }
    if (cohortId) {
      const cohort = await this.#runtime.state.findCohort(projectId, cohortId);
      if (!cohort) return false;
      const predicate = cohortPredicate(d, cohort, now);
      const rows = await this.#runtime.engine.query(
        `SELECT count(*) AS n FROM events_resolved WHERE project_id = ${d.string(projectId)} AND person_id = ${person} AND ${predicate}`,
      );
      if (Number(rows[0]?.['n'] ?? 0) === 0) return false;
    }
    return true;
  }
}

/**
 * Every id a person is known by, prefixed by kind: displays are recorded under all of them and
 * the cap checks all of them, so it holds on another device as soon as the person is identified.
 */
function personKeys(who: { anonymousId?: string | undefined; userId?: string | undefined }, person: { personId: string; ids: { anonymousIds: string[]; userIds: string[] } } | null): string[] {
  const keys = new Set<string>();
  if (who.anonymousId) keys.add(`a:${who.anonymousId}`);
  if (who.userId) keys.add(`u:${who.userId}`);
  if (person) {
    keys.add(`p:${person.personId}`);
    for (const id of person.ids.anonymousIds) keys.add(`a:${id}`);
    for (const id of person.ids.userIds) keys.add(`u:${id}`);
  }
  return [...keys];
}
