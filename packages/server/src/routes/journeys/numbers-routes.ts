import { compileJourneyNumbers, journeyNumbersPlan, minuteOf, shapeJourneyNumbers, type JourneyMap, type JourneyNumbers } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { restrictCompiled } from '../../analytics/cohort-filter.ts';
import { runCompiled } from '../../analytics/engines/run-compiled.ts';
import type { Runtime } from '../../runtime.ts';
import type { Project } from '../../stores/state/state-store.ts';
import { personsRestriction } from '../../analytics/persons-restriction.ts';
import { requireJourney } from '../../journeys/require-journey.ts';
import { journeyCaller } from './journey-access.ts';
import { numbersRange, readInstant } from './numbers-range.ts';
import { JourneyParams, NumbersQuery } from './schemas.ts';

/** Answers per runtime, by map version, question and data version: a map reopened without new events costs nothing. */
const CACHES = new WeakMap<Runtime, Map<string, JourneyNumbers>>();
const MAX_CACHED = 100;

/** `GET /journeys/:id/numbers`: every cell's live numbers in one query (docs/journeys.md has the definitions). */
export function numbersRoutes(app: FastifyInstance, runtime: Runtime): void {
  app.get<{ Params: JourneyParams; Querystring: NumbersQuery }>(
    '/api/projects/:project/journeys/:id/numbers',
    {
      schema: {
        tags: ['journeys'],
        summary: 'Live numbers of every stage, touchpoint, KPI and the goal, with the period before and sparklines',
        params: JourneyParams,
        querystring: NumbersQuery,
        response: { 200: { $ref: 'JourneyNumbers#' } },
      },
    },
    async (request) => {
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      const found = await requireJourney(journeys, project.id, request.params.id, request.query.version);
      return journeyNumbers(runtime, project, found.map, found.version, request.query);
    },
  );
}

/** The live numbers of one version of a map (also what the benchmark measures). */
export async function journeyNumbers(runtime: Runtime, project: Project, map: JourneyMap, version: number, query: NumbersQuery) {
  const started = performance.now();
  const from = readInstant(query.from, 'from');
  const to = readInstant(query.to, 'to');
  const interval = query.interval ?? 'day';
  const d = runtime.engine.dialect;
  const only = await personsRestriction(runtime, project.id, map, query);
  await runtime.pipeline.waitVisible();
  const dataVersion = runtime.dataVersion();
  const range = await numbersRange(runtime, project, from, to);
  // A range not over yet compares with the period before up to the same point, to the minute (so answers stay cached within it).
  const plan = journeyNumbersPlan(map, { ...range, interval, timeZone: project.timeZone, asOf: minuteOf(Date.now()) });

  const cache = CACHES.get(runtime) ?? new Map<string, JourneyNumbers>();
  CACHES.set(runtime, cache);
  const key = JSON.stringify([project.id, map.id, version, range, plan.previousTo, interval, project.timeZone, only ?? null, dataVersion]);
  let numbers = cache.get(key);
  if (numbers) {
    cache.delete(key);
  } else {
    numbers = shapeJourneyNumbers(map, plan, await runCompiled(runtime.engine, restrictCompiled(compileJourneyNumbers(d, plan, project.id), only)));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, numbers);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    range: { from: iso(plan.from), to: iso(plan.to) },
    previous: { from: iso(plan.previousFrom), to: iso(plan.previousTo) },
    interval,
    dataVersion,
    computedMs: Math.round((performance.now() - started) * 10) / 10,
    ...numbers,
  };
}
