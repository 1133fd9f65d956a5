import { Type, type Static } from '@sinclair/typebox';
import { compareJourneyMaps, JOURNEY_TEMPLATES, validateJourneyMap, WaymarkError, type JourneyMap } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../runtime.ts';
import type { JourneyStore, JourneyVersion } from '../../stores/state/journey-store.ts';
import { requireJourney } from '../../journeys/require-journey.ts';
import { journeyCaller } from './journey-access.ts';
import { ProjectParams } from '../events/schemas.ts';
import { bindingRoutes } from './binding-routes.ts';
import { blankJourney } from './blank-journey.ts';
import { commentRoutes } from './comment-routes.ts';
import { numbersRoutes } from './numbers-routes.ts';
import {
  CompareQuery,
  Comparison,
  CreateJourney,
  DuplicateJourney,
  JourneyList,
  JourneyParams,
  RestoreJourney,
  SeenJourney,
  UpdateJourney,
  VersionList,
  VersionQuery,
} from './schemas.ts';

export { journeySchemas } from './schemas.ts';

/** The API's view of a stored version. */
async function visible(journeys: JourneyStore, projectId: string, v: JourneyVersion) {
  return {
    id: v.id,
    name: v.name,
    version: v.version,
    map: v.map,
    createdAt: (await journeys.createdAt(projectId, v.id)) ?? v.createdAt,
    updatedAt: v.createdAt,
    updatedBy: authorName(v.author),
  };
}

/** Versions saved before authors were recorded (the first demo map) name the product itself. */
const authorName = (author: string | null) => author ?? 'Waymark';

function checkMap(input: unknown, path: string): JourneyMap {
  const checked = validateJourneyMap(input, { path });
  if (checked.kind === 'error') throw checked.error;
  return checked.map;
}

/**
 * Journey maps: stored, versioned (every save is a version, saves are optimistic: they name
 * the version they started from), compared, commented, exported; and their live numbers.
 */
export function journeyRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['journeys'];
  const base = '/api/projects/:project/journeys';

  app.get<{ Params: Static<typeof ProjectParams> }>(
    base,
    { schema: { tags, summary: 'The latest version of every journey map', params: ProjectParams, response: { 200: JourneyList } } },
    async (request) => {
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      const list = await journeys.list(project.id);
      return {
        journeys: list.map((v) => ({
          id: v.id,
          name: v.name,
          version: v.version,
          updatedAt: v.createdAt,
          updatedBy: authorName(v.author),
          touchpoints: v.map.stages.reduce((n, s) => n + s.touchpoints.length, 0),
          stages: v.map.stages.length,
        })),
      };
    },
  );

  app.post<{ Params: Static<typeof ProjectParams>; Body: CreateJourney }>(
    base,
    { schema: { tags, summary: 'Create a map from a template, blank, or a whole map (JSON import)', params: ProjectParams, body: CreateJourney, response: { 201: { $ref: 'Journey#' } } } },
    async (request, reply) => {
      const { project, author, journeys } = await journeyCaller(request, runtime, request.params.project, 'write');
      const map = mapToCreate(request.body);
      const saved = await journeys.create(project.id, map, author, new Date().toISOString());
      if (saved === 'exists') throw new WaymarkError('WM_JOURNEY_EXISTS', fieldOfId(request.body), `a journey map "${map.id}" already exists`);
      return reply.status(201).send(await visible(journeys, project.id, saved));
    },
  );

  app.get<{ Params: JourneyParams; Querystring: Static<typeof VersionQuery> }>(
    `${base}/:id`,
    { schema: { tags, summary: 'A journey map (the latest version, or ?version=N)', params: JourneyParams, querystring: VersionQuery, response: { 200: { $ref: 'Journey#' } } } },
    async (request) => {
      const { project, author, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      const found = await requireJourney(journeys, project.id, request.params.id, request.query.version);
      return { ...(await visible(journeys, project.id, found)), lastSeenVersion: await journeys.seen(project.id, found.id, author.id) };
    },
  );

  app.put<{ Params: JourneyParams; Body: UpdateJourney }>(
    `${base}/:id`,
    { schema: { tags, summary: 'Save a new version; 409 WM_JOURNEY_VERSION_CONFLICT unless baseVersion is the latest', params: JourneyParams, body: UpdateJourney, response: { 200: { $ref: 'Journey#' } } } },
    async (request) => {
      const { project, author, journeys } = await journeyCaller(request, runtime, request.params.project, 'write');
      const map = checkMap(request.body.map, 'map');
      if (map.id !== request.params.id) throw new WaymarkError('WM_REQUEST_INVALID', 'map.id', `"map.id" must be "${request.params.id}", the id in the path`);
      const saved = await journeys.update(project.id, map, request.body.baseVersion, author, new Date().toISOString());
      if (saved === 'missing') throw new WaymarkError('WM_JOURNEY_NOT_FOUND', 'id', `no journey map "${map.id}" in this project`);
      if ('conflict' in saved) {
        throw new WaymarkError('WM_JOURNEY_VERSION_CONFLICT', 'baseVersion', `the latest version is ${saved.conflict}, not ${request.body.baseVersion}: reload and apply the edit to it`);
      }
      return visible(journeys, project.id, saved);
    },
  );

  app.delete<{ Params: JourneyParams }>(
    `${base}/:id`,
    { schema: { tags, summary: 'Delete a map (its versions are kept)', params: JourneyParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { project, author, journeys } = await journeyCaller(request, runtime, request.params.project, 'write');
      if (!(await journeys.delete(project.id, request.params.id, author, new Date().toISOString()))) {
        throw new WaymarkError('WM_JOURNEY_NOT_FOUND', 'id', `no journey map "${request.params.id}" in this project`);
      }
      return reply.status(204).send();
    },
  );

  app.post<{ Params: JourneyParams; Body: Static<typeof DuplicateJourney> }>(
    `${base}/:id/duplicate`,
    { schema: { tags, summary: 'Copy the latest version as version 1 of a new map', params: JourneyParams, body: DuplicateJourney, response: { 201: { $ref: 'Journey#' } } } },
    async (request, reply) => {
      const { project, author, journeys } = await journeyCaller(request, runtime, request.params.project, 'write');
      const source = await requireJourney(journeys, project.id, request.params.id);
      const map = checkMap({ ...source.map, id: request.body.id, name: request.body.name }, '');
      const saved = await journeys.create(project.id, map, author, new Date().toISOString());
      if (saved === 'exists') throw new WaymarkError('WM_JOURNEY_EXISTS', 'id', `a journey map "${map.id}" already exists`);
      return reply.status(201).send(await visible(journeys, project.id, saved));
    },
  );

  app.get<{ Params: JourneyParams }>(
    `${base}/:id/versions`,
    { schema: { tags, summary: 'The history of a map, newest first', params: JourneyParams, response: { 200: VersionList } } },
    async (request) => {
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      await requireJourney(journeys, project.id, request.params.id);
      const versions = await journeys.versions(project.id, request.params.id);
      return { versions: versions.map((v) => ({ ...v, author: authorName(v.author) })) };
    },
  );

  app.post<{ Params: JourneyParams; Body: Static<typeof RestoreJourney> }>(
    `${base}/:id/restore`,
    { schema: { tags, summary: "Save an old version's map as the new latest version", params: JourneyParams, body: RestoreJourney, response: { 200: { $ref: 'Journey#' } } } },
    async (request) => {
      const { project, author, journeys } = await journeyCaller(request, runtime, request.params.project, 'write');
      const latest = await requireJourney(journeys, project.id, request.params.id);
      const old = await requireJourney(journeys, project.id, request.params.id, request.body.version);
      const saved = await journeys.update(project.id, old.map, latest.version, author, new Date().toISOString());
      if (typeof saved === 'string' || 'conflict' in saved) throw new WaymarkError('WM_JOURNEY_VERSION_CONFLICT', 'version', 'the map changed while restoring; try again');
      return visible(journeys, project.id, saved);
    },
  );

  app.get<{ Params: JourneyParams; Querystring: Static<typeof CompareQuery> }>(
    `${base}/:id/compare`,
    { schema: { tags, summary: 'What changed from version `from` to version `to`', params: JourneyParams, querystring: CompareQuery, response: { 200: Comparison } } },
    async (request) => {
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      const { from, to } = request.query;
      const before = await requireJourney(journeys, project.id, request.params.id, from).catch(renamePath('from'));
      const after = await requireJourney(journeys, project.id, request.params.id, to).catch(renamePath('to'));
      return { from, to, changes: compareJourneyMaps(before.map, after.map) };
    },
  );

  app.post<{ Params: JourneyParams; Body: Static<typeof SeenJourney> }>(
    `${base}/:id/seen`,
    { schema: { tags, summary: 'Record that the caller has seen a version (for "what changed since you last looked")', params: JourneyParams, body: SeenJourney, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { project, author, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      await requireJourney(journeys, project.id, request.params.id, request.body.version);
      await journeys.markSeen(project.id, request.params.id, author.id, request.body.version, new Date().toISOString());
      return reply.status(204).send();
    },
  );

  app.get<{ Params: JourneyParams; Querystring: Static<typeof VersionQuery> }>(
    `${base}/:id/export`,
    { schema: { tags, summary: 'The map as a JSON file (import it with POST /journeys {"map": ...})', params: JourneyParams, querystring: VersionQuery } },
    async (request, reply) => {
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      const found = await requireJourney(journeys, project.id, request.params.id, request.query.version);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${found.id}.json"`)
        .send(`${JSON.stringify(found.map, null, 2)}\n`);
    },
  );

  commentRoutes(app, runtime);
  numbersRoutes(app, runtime);
  bindingRoutes(app, runtime);
}

/** The map a create call asks for: exactly one of template, blank, map; checked, naming the field. */
function mapToCreate(body: CreateJourney): JourneyMap {
  const given = (['template', 'blank', 'map'] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1) {
    throw new WaymarkError('WM_REQUEST_INVALID', given[1] ?? 'template', 'give exactly one of "template", "blank" or "map"');
  }
  if (body.template !== undefined) {
    const template = JOURNEY_TEMPLATES[body.template];
    if (!template) throw new WaymarkError('WM_REQUEST_INVALID', 'template', `"template" must be one of ${Object.keys(JOURNEY_TEMPLATES).join(', ')}`);
    return template;
  }
  if (body.blank !== undefined) return checkMap(blankJourney(body.blank.id, body.blank.name), 'blank');
  return checkMap(body.map, 'map');
}

const fieldOfId = (body: CreateJourney) => (body.template !== undefined ? 'template' : body.blank !== undefined ? 'blank.id' : 'map.id');

/** A missing version of `compare` is named by the query parameter that asked for it. */
const renamePath = (path: string) => (error: unknown) => {
  if (error instanceof WaymarkError && error.code === 'WM_JOURNEY_VERSION_NOT_FOUND') throw new WaymarkError(error.code, path, error.message);
  throw error;
};
