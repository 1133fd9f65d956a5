import {
  compileFriction, compileFrictionSessions, DEFAULT_FRICTION_SETTINGS, frictionPlan, type FrictionSettings, FrictionSettingsPatch, shapeFriction, WaymarkError,
} from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { restrictCompiled } from '../../analytics/cohort-filter.ts';
import { runCompiled } from '../../analytics/engines/run-compiled.ts';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { FrictionSettingsStore } from '../../stores/state/friction-settings-store.ts';
import { ProjectParams } from '../events/schemas.ts';
import { personsRestriction } from '../../analytics/persons-restriction.ts';
import { journeyParameter, requireJourney } from '../../journeys/require-journey.ts';
import { journeyCaller } from '../journeys/journey-access.ts';
import { numbersRange, readInstant } from '../journeys/numbers-range.ts';
import { FrictionQuery, FrictionSessionsQuery } from './schemas.ts';

type Params = { project: string };

/**
 * Friction: the detectors' thresholds per project, friction per touchpoint of a journey map,
 * and the sessions behind a number (docs/friction.md has every definition).
 */
export function frictionRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['friction'];
  const settings = new FrictionSettingsStore(runtime.state.db);

  app.get<{ Params: Params }>(
    '/api/projects/:project/settings/friction',
    { schema: { tags, summary: "The project's friction thresholds (the defaults until changed)", params: ProjectParams, response: { 200: { $ref: 'FrictionSettings#' } } } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project);
      return settings.get(project.id);
    },
  );

  app.put<{ Params: Params; Body: FrictionSettingsPatch }>(
    '/api/projects/:project/settings/friction',
    {
      schema: {
        tags,
        summary: 'Change friction thresholds; fields left out keep their value. They apply to events stored from now on.',
        params: ProjectParams,
        body: FrictionSettingsPatch,
        response: { 200: { $ref: 'FrictionSettings#' } },
      },
    },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
      const next: FrictionSettings = { ...DEFAULT_FRICTION_SETTINGS, ...(await settings.get(project.id)), ...request.body };
      await settings.save(project.id, next, new Date().toISOString());
      runtime.events.setFrictionSettings(project.id, next);
      return next;
    },
  );

  app.get<{ Params: Params; Querystring: FrictionQuery }>(
    '/api/projects/:project/friction',
    { schema: { tags, summary: 'Friction per touchpoint and stage of a journey map: signals, affected persons and sessions, rate per visit, score', params: ProjectParams, querystring: FrictionQuery, response: { 200: { $ref: 'FrictionResult#' } } } },
    async (request) => {
      const started = performance.now();
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      const from = readInstant(request.query.from, 'from');
      const to = readInstant(request.query.to, 'to');
      const found = await requireJourney(journeys, project.id, request.query.journey, request.query.version).catch(journeyParameter('journey'));
      // Under a persona or a cohort, the map counts their friction only, as it counts their numbers.
      const only = await personsRestriction(runtime, project.id, found.map, request.query);
      await runtime.pipeline.waitVisible();
      const dataVersion = runtime.dataVersion();
      const range = await numbersRange(runtime, project, from, to);
      const plan = frictionPlan(found.map, range.from, range.to);
      const counts = await runCompiled(runtime.engine, restrictCompiled(compileFriction(runtime.engine.dialect, plan, project.id), only));
      return { journey: { id: found.id, version: found.version }, dataVersion, computedMs: Math.round((performance.now() - started) * 10) / 10, ...shapeFriction(plan, counts) };
    },
  );

  app.get<{ Params: Params; Querystring: FrictionSessionsQuery }>(
    '/api/projects/:project/friction/sessions',
    { schema: { tags, summary: 'The sessions with friction at a touchpoint, newest first, with their signal counts', params: ProjectParams, querystring: FrictionSessionsQuery, response: { 200: { $ref: 'FrictionSessions#' } } } },
    async (request) => {
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      const q = request.query;
      const from = readInstant(q.from, 'from');
      const to = readInstant(q.to, 'to');
      const found = await requireJourney(journeys, project.id, q.journey, q.version).catch(journeyParameter('journey'));
      const only = await personsRestriction(runtime, project.id, found.map, q);
      await runtime.pipeline.waitVisible();
      const range = await numbersRange(runtime, project, from, to);
      const plan = frictionPlan(found.map, range.from, range.to);
      const tp = plan.touchpoints.findIndex((t) => t.id === q.touchpoint);
      if (tp < 0) throw new WaymarkError('WM_REQUEST_INVALID', 'querystring.touchpoint', `the journey map "${found.id}" has no touchpoint "${q.touchpoint}"`);
      const sessions = await runCompiled(runtime.engine, restrictCompiled(compileFrictionSessions(runtime.engine.dialect, plan, project.id, tp, q.kind ?? null, q.limit ?? 100), only));
      return { sessions: sessions.map((s) => ({ ...s, start: new Date(s.start).toISOString() })) };
    },
  );
}

export { frictionSchemas } from './schemas.ts';
