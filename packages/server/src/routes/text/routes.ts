import { customerTextsSql, TEXT_EVENTS, WaymarkError, type CustomerText, type EventMatcher } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { ProjectParams } from '../events/schemas.ts';
import { journeyParameter, requireJourney } from '../../journeys/require-journey.ts';
import { journeyCaller } from '../journeys/journey-access.ts';
import { numbersRange, readInstant } from '../journeys/numbers-range.ts';
import { MAX_THEME_TEXTS, SentimentRequest, SentimentResponse, ThemesQuery, ThemesResponse } from './schemas.ts';

type Params = { project: string };

/** Sentiment of given texts, and the themes of the texts customers left in events (docs/text-analytics.md). */
export function textRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['text'];
  app.post<{ Params: Params; Body: SentimentRequest }>(
    '/api/projects/:project/text/sentiment',
    { schema: { tags, summary: 'The sentiment of each text: negative, neutral or positive, with a score and class probabilities', params: ProjectParams, body: SentimentRequest, response: { 200: SentimentResponse } } },
    async (request) => {
      await authorizeRead(request, runtime.projects, request.params.project);
      return { results: await runtime.text.sentiment(request.body.texts) };
    },
  );

  app.get<{ Params: Params; Querystring: ThemesQuery }>(
    '/api/projects/:project/text/themes',
    { schema: { tags, summary: 'Themes of the texts in events: key phrases grouped, counted, with trend, sentiment and examples', params: ProjectParams, querystring: ThemesQuery, response: { 200: ThemesResponse } } },
    async (request) => {
      const query = request.query;
      const { project, journeys } = await journeyCaller(request, runtime, request.params.project, 'read');
      const from = readInstant(query.from, 'from');
      const to = readInstant(query.to, 'to');
      if (query.journey !== undefined && query.touchpoint === undefined) throw new WaymarkError('WM_REQUEST_INVALID', 'touchpoint', '"journey" only names the map of a "touchpoint": give the touchpoint too');
      let matchers: readonly EventMatcher[] = [];
      if (query.journey !== undefined) {
        const { map } = await requireJourney(journeys, project.id, query.journey).catch(journeyParameter('journey'));
        const touchpoint = map.stages.flatMap((s) => s.touchpoints).find((t) => t.id === query.touchpoint);
        if (!touchpoint) throw new WaymarkError('WM_REQUEST_INVALID', 'touchpoint', `the journey map "${query.journey}" has no touchpoint "${query.touchpoint}"`);
        matchers = touchpoint.matchers;
      }
      await runtime.pipeline.waitVisible();
      const range = await numbersRange(runtime, project, from, to);
      const sql = customerTextsSql(runtime.engine.dialect, {
        projectId: project.id,
        ...range,
        property: query.property ?? 'text',
        events: query.event === undefined ? TEXT_EVENTS : [query.event],
        ...(query.channel !== undefined && { channel: query.channel }),
        ...(query.touchpoint !== undefined && { touchpoint: { id: query.touchpoint, matchers } }),
        limit: MAX_THEME_TEXTS + 1,
      });
      const rows = await runtime.engine.query(sql);
      const texts: CustomerText[] = rows.slice(0, MAX_THEME_TEXTS).map((r) => ({ id: String(r['id']), text: String(r['text']), timestamp: Number(r['ms']) }));
      const interval = query.interval ?? 'day';
      const result = await runtime.text.themes(texts, { limit: query.limit ?? 20, interval, timeZone: project.timeZone });
      const iso = (ms: number) => new Date(ms).toISOString();
      return {
        range: { from: iso(range.from), to: iso(range.to) },
        interval,
        texts: result.texts,
        truncated: rows.length > MAX_THEME_TEXTS,
        periods: result.periods,
        themes: result.themes.map((t) => ({ ...t, examples: t.examples.map((e) => ({ ...e, timestamp: iso(e.timestamp) })) })),
      };
    },
  );
}
