import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  checkMatcher,
  EventMatcher,
  eventNamesSql,
  eventPropertyNamesSql,
  eventPropertyValuesSql,
  matcherCountSql,
  WaymarkError,
} from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { ajvPath } from '../../http/error-boundary.ts';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { ProjectParams } from '../events/schemas.ts';
import { numbersRange, readInstant } from './numbers-range.ts';
import { EventNamesQuery, EventPropertiesQuery, MatcherCountBody } from './schemas.ts';

const PROPERTIES_SHOWN = 20;
const VALUES_SHOWN = 10;

/**
 * What the binding picker of a touchpoint suggests while the author types: event names,
 * their properties and values, and how many events the matchers select so far. The count
 * is compiled by the same matcher compiler as the live numbers, so the two agree.
 */
export function bindingRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['journeys'];

  app.get<{ Params: Static<typeof ProjectParams>; Querystring: Static<typeof EventNamesQuery> }>(
    '/api/projects/:project/event-names',
    {
      schema: {
        tags,
        summary: 'Event names containing q (any case), most frequent first',
        params: ProjectParams,
        querystring: EventNamesQuery,
        response: { 200: Type.Object({ events: Type.Array(Type.Object({ event: Type.String(), count: Type.Integer() })) }) },
      },
    },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'read');
      await runtime.pipeline.waitVisible();
      const rows = await runtime.engine.query(eventNamesSql(runtime.engine.dialect, project.id, request.query.q ?? '', request.query.limit ?? 20));
      return { events: rows.map((r) => ({ event: String(r['event']), count: Number(r['count']) })) };
    },
  );

  app.get<{ Params: Static<typeof ProjectParams>; Querystring: Static<typeof EventPropertiesQuery> }>(
    '/api/projects/:project/event-properties',
    {
      schema: {
        tags,
        summary: 'Top-level properties of one or more events, most frequent first, with their most frequent values',
        params: ProjectParams,
        querystring: EventPropertiesQuery,
        response: {
          200: Type.Object({
            properties: Type.Array(
              Type.Object({ property: Type.String(), count: Type.Integer(), values: Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() })) }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'read');
      await runtime.pipeline.waitVisible();
      const d = runtime.engine.dialect;
      const { event: events, property, q = '' } = request.query;
      const names = await runtime.engine.query(eventPropertyNamesSql(d, project.id, events, property === undefined ? { q } : { property }, PROPERTIES_SHOWN));
      const properties = names.map((r) => String(r['property']));
      const values = properties.length === 0 ? [] : await runtime.engine.query(eventPropertyValuesSql(d, project.id, events, properties, property === undefined ? '' : q, VALUES_SHOWN));
      return {
        properties: names.map((r) => ({
          property: String(r['property']),
          count: Number(r['count']),
          values: values.filter((v) => v['property'] === r['property']).map((v) => ({ value: String(v['value']), count: Number(v['count']) })),
        })),
      };
    },
  );

  app.post<{ Params: Static<typeof ProjectParams>; Body: Static<typeof MatcherCountBody> }>(
    '/api/projects/:project/matcher-count',
    {
      schema: {
        tags,
        summary: 'How many events, of how many persons, match any of these matchers (default range: that of the live numbers)',
        params: ProjectParams,
        body: MatcherCountBody,
        response: { 200: Type.Object({ events: Type.Integer(), persons: Type.Integer() }) },
      },
    },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'read');
      const matchers = request.body.matchers.map((m, i) => {
        const at = `matchers[${i}]`;
        const first = Value.Errors(EventMatcher, m).First();
        if (first) {
          const path = `${at}${first.path ? `.${ajvPath(first.path)}` : ''}`;
          throw new WaymarkError('WM_REQUEST_INVALID', path, `${path}: ${first.message}`);
        }
        const problem = checkMatcher(m as EventMatcher, at);
        if (problem) throw problem;
        return m as EventMatcher;
      });
      const from = readInstant(request.body.from, 'from');
      const to = readInstant(request.body.to, 'to');
      await runtime.pipeline.waitVisible();
      const range = await numbersRange(runtime, project, from, to);
      const [row] = await runtime.engine.query(matcherCountSql(runtime.engine.dialect, project.id, matchers, range));
      return { events: Number(row?.['events'] ?? 0), persons: Number(row?.['persons'] ?? 0) };
    },
  );
}
