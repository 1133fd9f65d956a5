import { randomBytes } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { validateSurvey, WaymarkError, type Survey } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import type { StoredSurvey } from '../../stores/state/survey-store.ts';
import type { SurveyService } from '../../surveys/survey-service.ts';
import { ProjectParams } from '../events/schemas.ts';
import { SurveyParams } from './schemas.ts';

const SurveyBody = Type.Unknown({ description: 'A survey definition (see docs/surveys.md); `id` is optional on create and must match the path on update.' });

const visible = (s: StoredSurvey) => ({ ...s.survey, createdAt: s.createdAt, updatedAt: s.updatedAt });

function checkSurvey(input: unknown, id: string): Survey {
  const checked = validateSurvey(input);
  if (checked.kind === 'error') throw checked.error;
  return { ...checked.survey, id };
}

/** Survey definitions: list, create, read, replace, delete. */
export function surveyManagementRoutes(app: FastifyInstance, runtime: Runtime, service: SurveyService): void {
  const tags = ['surveys'];
  const base = '/api/projects/:project/surveys';

  app.get<{ Params: Static<typeof ProjectParams> }>(base, { schema: { tags, summary: "The project's surveys", params: ProjectParams } }, async (request) => {
    const { project } = await authorizeRead(request, runtime.projects, request.params.project);
    return { surveys: (await service.surveys.list(project.id)).map(visible) };
  });

  app.post<{ Params: Static<typeof ProjectParams>; Body: unknown }>(base, { schema: { tags, summary: 'Create a survey', params: ProjectParams, body: SurveyBody, response: { 201: Type.Unknown({ description: 'The survey, with createdAt and updatedAt.' }) } } }, async (request, reply) => {
    const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
    const given = (request.body as { id?: unknown } | null)?.id;
    const survey = checkSurvey(request.body, typeof given === 'string' ? given : `srv_${randomBytes(6).toString('hex')}`);
    const at = new Date().toISOString();
    if (!(await service.surveys.create(project.id, survey, at))) throw new WaymarkError('WM_SURVEY_EXISTS', 'id', `a survey "${survey.id}" already exists`);
    return reply.status(201).send(visible((await service.surveys.find(project.id, survey.id))!));
  });

  app.get<{ Params: Static<typeof SurveyParams> }>(`${base}/:id`, { schema: { tags, summary: 'A survey', params: SurveyParams } }, async (request) => {
    const { project } = await authorizeRead(request, runtime.projects, request.params.project);
    await service.require(project.id, request.params.id);
    return visible((await service.surveys.find(project.id, request.params.id))!);
  });

  app.put<{ Params: Static<typeof SurveyParams>; Body: unknown }>(
    `${base}/:id`,
    { schema: { tags, summary: 'Replace a survey (also how it is activated or paused)', params: SurveyParams, body: SurveyBody } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
      const given = (request.body as { id?: unknown } | null)?.id;
      if (given !== undefined && given !== request.params.id) throw new WaymarkError('WM_SURVEY_INVALID', 'id', `"id" must be "${request.params.id}", the id in the path`);
      const survey = checkSurvey(request.body, request.params.id);
      if (!(await service.surveys.replace(project.id, survey, new Date().toISOString()))) throw new WaymarkError('WM_SURVEY_NOT_FOUND', 'id', `no survey "${survey.id}" in this project`);
      return visible((await service.surveys.find(project.id, survey.id))!);
    },
  );

  app.delete<{ Params: Static<typeof SurveyParams> }>(`${base}/:id`, { schema: { tags, summary: 'Delete a survey (its answer events stay)', params: SurveyParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
    if (!(await service.surveys.delete(project.id, request.params.id))) throw new WaymarkError('WM_SURVEY_NOT_FOUND', 'id', `no survey "${request.params.id}" in this project`);
    return reply.status(204).send();
  });
}
