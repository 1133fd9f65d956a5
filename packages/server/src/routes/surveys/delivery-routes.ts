import { Type, type Static } from '@sinclair/typebox';
import { publicSurvey, WaymarkError } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { authenticateCapture, authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import type { SurveyService } from '../../surveys/survey-service.ts';
import { EligibleBody, ResponseBody, ShownBody, SurveyParams, TriggersBody } from './schemas.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

/** Who answered: an anonymous id (the SDK) or a user id (tools, links); at least one. */
function respondent(body: Static<typeof ResponseBody> | Static<typeof ShownBody>) {
  if (!body.anonymousId && !body.userId) throw new WaymarkError('WM_REQUEST_INVALID', 'userId', 'name who answered with "userId" or "anonymousId"');
  return { anonymousId: body.anonymousId, userId: body.userId, page: body.context?.page };
}

/** What the browser widget calls (with the write key), and what other tools call (with a secret key). */
export function surveyDeliveryRoutes(app: FastifyInstance, runtime: Runtime, service: SurveyService): void {
  const tags = ['surveys'];
  const preValidation = async (request: import('fastify').FastifyRequest) => {
    request.principal = await authenticateCapture(request, runtime.projects);
  };

  app.post<{ Body: Static<typeof TriggersBody> }>(
    '/v1/surveys/triggers',
    { preValidation, schema: { tags, summary: 'The event names that can trigger a survey now (write key)', body: TriggersBody } },
    async (request) => ({ events: await service.triggerEvents(request.principal!.projectId) }),
  );

  app.post<{ Body: Static<typeof EligibleBody> }>(
    '/v1/surveys/eligible',
    { preValidation, schema: { tags, summary: 'The surveys to show this visitor now (write key)', body: EligibleBody } },
    async (request) => {
      const surveys = await service.eligible(request.principal!.projectId, request.body, Date.now());
      return { surveys: surveys.map(publicSurvey) };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ShownBody> }>(
    '/v1/surveys/:id/shown',
    { preValidation, schema: { tags, summary: 'Record that the widget displayed a survey (write key)', params: IdParams, body: ShownBody } },
    async (request) => {
      const { projectId, channel } = request.principal!;
      const survey = await service.requireActive(projectId, request.params.id);
      await service.shown(projectId, channel, survey, respondent(request.body), Date.now());
      return { success: true };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ResponseBody> }>(
    '/v1/surveys/:id/responses',
    { preValidation, schema: { tags, summary: "Submit a visitor's answers (write key): one Survey Answered event per answer", params: IdParams, body: ResponseBody } },
    async (request) => {
      const { projectId, channel } = request.principal!;
      const survey = await service.requireActive(projectId, request.params.id);
      const responseId = await service.answer(projectId, channel, survey, request.body.answers, respondent(request.body), Date.now());
      return { success: true, responseId };
    },
  );

  app.post<{ Params: Static<typeof SurveyParams>; Body: Static<typeof ResponseBody> }>(
    '/api/projects/:project/surveys/:id/responses',
    { schema: { tags, summary: 'Submit answers from another tool, e.g. CSAT from a help desk (secret key)', params: SurveyParams, body: ResponseBody } },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
      const survey = await service.requireActive(project.id, request.params.id);
      const responseId = await service.answer(project.id, null, survey, request.body.answers, respondent(request.body), Date.now());
      return { success: true, responseId };
    },
  );
}
