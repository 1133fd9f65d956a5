import { type Static } from '@sinclair/typebox';
import { compileSurveyCounts, shapeSurveyScores, WaymarkError, type JourneyMap, type ScoreInterval, type SurveyScoresPlan } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { cohortMembers } from '../../analytics/cohort-filter.ts';
import { runCompiled } from '../../analytics/engines/run-compiled.ts';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import type { SurveyService } from '../../surveys/survey-service.ts';
import { JourneyStore } from '../../stores/state/journey-store.ts';
import { requireCohort } from '../../analytics/require-cohort.ts';
import { readInstant } from '../journeys/numbers-range.ts';
import { personaPersons } from '../../analytics/persons-restriction.ts';
import { journeyParameter, requireJourney } from '../../journeys/require-journey.ts';
import { JourneyParams } from '../journeys/schemas.ts';
import { RangeQuery, ScoresQuery, SurveyParams } from './schemas.ts';

const DAY = 86_400_000;
const DEFAULT_DAYS = 90;
const MAX_DAYS = 3 * 366;

/** The range asked for; by default the 90 days up to the next minute. */
function scoreRange(query: { from?: string | undefined; to?: string | undefined }): { from: number; to: number } {
  const to = readInstant(query.to, 'to') ?? Math.ceil((Date.now() + 1) / 60_000) * 60_000;
  const from = readInstant(query.from, 'from') ?? to - DEFAULT_DAYS * DAY;
  if (to <= from) throw new WaymarkError('WM_REQUEST_INVALID', 'to', '"to" must be after "from"');
  if (to - from > MAX_DAYS * DAY) throw new WaymarkError('WM_REQUEST_INVALID', 'to', `a range may be at most ${MAX_DAYS} days`);
  return { from, to };
}

const stagesOf = (map: JourneyMap | null) => {
  const stageOf = new Map<string, string>();
  for (const stage of map?.stages ?? []) for (const tp of stage.touchpoints) stageOf.set(tp.id, stage.id);
  return (touchpointId: string) => stageOf.get(touchpointId) ?? null;
};

/** Scores of one survey, and a journey map's voice of the customer (every survey's answers per touchpoint and stage). */
export function surveyScoreRoutes(app: FastifyInstance, runtime: Runtime, service: SurveyService): void {
  const tags = ['surveys'];
  const counts = async (plan: SurveyScoresPlan, personsSql: string | null) => {
    await runtime.pipeline.waitVisible();
    return runCompiled(runtime.engine, compileSurveyCounts(runtime.engine.dialect, plan, personsSql));
  };

  app.get<{ Params: Static<typeof SurveyParams>; Querystring: Static<typeof ScoresQuery> }>(
    '/api/projects/:project/surveys/:id/scores',
    { schema: { tags, summary: 'NPS (with 95 % interval), CSAT, CES, response rate: overall, per touchpoint, stage, period, for a persona or cohort', params: SurveyParams, querystring: ScoresQuery } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      const survey = await service.require(project.id, request.params.id);
      const q = request.query;
      const { from, to } = scoreRange(q);
      if (q.persona && !q.journey) throw new WaymarkError('WM_REQUEST_INVALID', 'persona', 'a persona belongs to a journey map: give "journey" too');
      const map = q.journey ? (await requireJourney(new JourneyStore(runtime.state.db), project.id, q.journey).catch(journeyParameter('journey'))).map : null;
      let personsSql: string | null = null;
      if (q.persona) personsSql = personaPersons(runtime.engine.dialect, map!, q.persona, project.id);
      if (q.cohort) {
        if (personsSql) throw new WaymarkError('WM_REQUEST_INVALID', 'cohort', 'give a persona or a cohort, not both');
        personsSql = cohortMembers(runtime.engine.dialect, await requireCohort(runtime, project.id, q.cohort), Date.now());
      }
      const interval: ScoreInterval | null = q.interval ?? null;
      const rows = await counts({ kind: 'survey_scores', projectId: project.id, surveyId: survey.id, from, to, interval, timeZone: project.timeZone }, personsSql);
      const kept = q.touchpoint ? rows.filter((r) => r.touchpoint === q.touchpoint) : rows;
      const scores = shapeSurveyScores(kept, stagesOf(map));
      return { surveyId: survey.id, from: new Date(from).toISOString(), to: new Date(to).toISOString(), interval, ...scores };
    },
  );

  app.get<{ Params: Static<typeof JourneyParams>; Querystring: Static<typeof RangeQuery> }>(
    '/api/projects/:project/journeys/:id/voice',
    { schema: { tags: ['journeys', ...tags], summary: "What customers said at each touchpoint and stage of the map: scores, sentiment and a data-driven emotion", params: JourneyParams, querystring: RangeQuery } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      const journey = await requireJourney(new JourneyStore(runtime.state.db), project.id, request.params.id);
      const { from, to } = scoreRange(request.query);
      const rows = await counts({ kind: 'survey_scores', projectId: project.id, surveyId: null, from, to, interval: null, timeZone: project.timeZone }, null);
      const stageOf = stagesOf(journey.map);
      const onMap = rows.filter((r) => stageOf(r.touchpoint) !== null);
      const scores = shapeSurveyScores(onMap, stageOf);
      const voice = <T extends { shown: number; responseRate: number | null }>({ shown: _shown, responseRate: _rate, ...rest }: T) => ({ ...rest, source: 'data' as const });
      return {
        journeyId: journey.id,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        touchpoints: scores.byTouchpoint.filter((t) => t.responses > 0).map((t) => ({ ...voice(t), stageId: stageOf(t.touchpointId)! })),
        stages: scores.byStage.filter((s) => s.responses > 0).map(voice),
      };
    },
  );
}

