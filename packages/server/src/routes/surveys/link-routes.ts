import { Type, type Static } from '@sinclair/typebox';
import { isWaymarkError, WaymarkError, type Survey } from '@waymark/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import type { SurveyLinkSigner } from '../../surveys/survey-link.ts';
import type { SurveyService } from '../../surveys/survey-service.ts';
import { answersFromForm, messagePage, surveyFormPage, thankYouPage } from '../../surveys/survey-form-page.ts';
import { SurveyParams } from './schemas.ts';

const LinkParams = Type.Object({ project: Type.String({ minLength: 1 }), survey: Type.String({ minLength: 1 }) });
const LinkQuery = Type.Object({ u: Type.Optional(Type.String()), t: Type.Optional(Type.String()) });

/**
 * Survey links for email: `GET /s/:project/:survey?u=<user id>&t=<token>` renders the survey
 * as a plain HTML form that posts back to the same address. Errors are pages too, with the
 * status the JSON API would give, since a person reads them, not a program.
 */
export async function surveyLinkRoutes(app: FastifyInstance, runtime: Runtime, service: SurveyService, signer: SurveyLinkSigner): Promise<void> {
  // The pages run no script and load nothing: the policy says so, so injected markup could not either.
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
      .header('referrer-policy', 'no-referrer')
      .send(body);

  const open = async (projectIdOrSlug: string, surveyId: string, userId: string | undefined, token: string | undefined) => {
    const project = await runtime.projects.requireProject(projectIdOrSlug);
    const survey = await service.requireActive(project.id, surveyId);
    if (!userId) throw new WaymarkError('WM_SURVEY_LINK_INVALID', 'u', 'the link names no person');
    if (!token || !signer.verify(project.id, survey.id, userId, token)) throw new WaymarkError('WM_SURVEY_LINK_INVALID', 't', 'the link is not valid for this person');
    return { project, survey, userId, token };
  };
  const failure = (reply: FastifyReply, error: unknown) => {
    if (!isWaymarkError(error)) throw error;
    return html(reply, error.status, messagePage('This survey is not available', error.message));
  };

  // Only here: a form posts url-encoded fields, which everywhere else would be read as JSON.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, new URLSearchParams(body as string)));

    scope.get<{ Params: Static<typeof LinkParams>; Querystring: Static<typeof LinkQuery> }>(
      '/s/:project/:survey',
      { schema: { tags: ['surveys'], summary: 'A survey as an HTML form, for a link in an email', params: LinkParams, querystring: LinkQuery } },
      async (request, reply) => {
        try {
          const { survey, userId, token } = await open(request.params.project, request.params.survey, request.query.u, request.query.t);
          return html(reply, 200, surveyFormPage(survey, request.url.split('?')[0]!, userId, token));
        } catch (error) {
          return failure(reply, error);
        }
      },
    );

    scope.post<{ Params: Static<typeof LinkParams>; Body: unknown }>(
      '/s/:project/:survey',
      { schema: { tags: ['surveys'], summary: "The link form's answers (url-encoded fields u, t and q_<question id>)", params: LinkParams } },
      async (request, reply) => {
        const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
        let opened: { project: { id: string }; survey: Survey; userId: string; token: string };
        try {
          opened = await open(request.params.project, request.params.survey, form.get('u') ?? undefined, form.get('t') ?? undefined);
        } catch (error) {
          return failure(reply, error);
        }
        const { project, survey, userId, token } = opened;
        try {
          await service.answer(project.id, null, survey, answersFromForm(survey, form), { userId }, Date.now());
        } catch (error) {
          if (!isWaymarkError(error) || error.status !== 400) throw error;
          return html(reply, 400, surveyFormPage(survey, request.url, userId, token, 'Please answer at least the first question.'));
        }
        return html(reply, 200, thankYouPage(survey));
      },
    );
  });

  app.get<{ Params: Static<typeof SurveyParams>; Querystring: { userId: string } }>(
    '/api/projects/:project/surveys/:id/link',
    {
      schema: {
        tags: ['surveys'],
        summary: "A person's signed survey link, to put in an email",
        params: SurveyParams,
        querystring: Type.Object({ userId: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
      const survey = await service.require(project.id, request.params.id);
      const linkPath = signer.linkPath(project.id, survey.id, request.query.userId);
      return { path: linkPath, url: runtime.config.publicUrl === null ? null : `${runtime.config.publicUrl}${linkPath}` };
    },
  );
}
