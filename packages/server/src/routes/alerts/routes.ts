import { randomBytes } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { validateAlertRule, WaymarkError, type AlertRuleInput } from '@waymark/core';
import type { FastifyInstance } from 'fastify';
import { AlertStore, type AlertRule } from '../../alerts/alert-store.ts';
import { authorizeRead } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { ProjectParams } from '../events/schemas.ts';

const RuleParams = Type.Object({ project: Type.String({ minLength: 1 }), id: Type.String({ minLength: 1 }) });
const RuleBody = Type.Unknown({ description: '{ name, enabled?, when: { survey: {...} } | { text: {...} }, notify: [{ webhook } | { email }] } (see docs/surveys.md).' });

const visible = ({ projectId: _p, checkpoint: _c, ...rule }: AlertRule) => rule;

function checkRule(input: unknown): AlertRuleInput {
  const checked = validateAlertRule(input);
  if (checked.kind === 'error') throw checked.error;
  return checked.rule;
}

/** Closed-loop alert rules: evaluated on every new matching event by the alert worker. */
export function alertRuleRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['alerts'];
  const base = '/api/projects/:project/alert-rules';
  const store = new AlertStore(runtime.state.db);
  const requireRule = async (projectId: string, id: string) => {
    const rule = await store.find(projectId, id);
    if (!rule) throw new WaymarkError('WM_ALERT_RULE_NOT_FOUND', 'id', `no alert rule "${id}" in this project`);
    return rule;
  };

  app.get<{ Params: Static<typeof ProjectParams> }>(base, { schema: { tags, summary: "The project's alert rules", params: ProjectParams } }, async (request) => {
    const { project } = await authorizeRead(request, runtime.projects, request.params.project);
    return { rules: (await store.list(project.id)).map(visible) };
  });

  app.post<{ Params: Static<typeof ProjectParams>; Body: unknown }>(
    base,
    { schema: { tags, summary: 'Create an alert rule; it alerts on events that arrive from now on', params: ProjectParams, body: RuleBody, response: { 201: Type.Unknown({ description: 'The rule with its id.' }) } } },
    async (request, reply) => {
      const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
      const rule = checkRule(request.body);
      const id = `alr_${randomBytes(6).toString('hex')}`;
      // Starts at the store's current position: a new rule does not alert on the past.
      await store.create(project.id, id, rule, runtime.events.checkpoint, new Date().toISOString());
      return reply.status(201).send(visible((await store.find(project.id, id))!));
    },
  );

  app.get<{ Params: Static<typeof RuleParams> }>(`${base}/:id`, { schema: { tags, summary: 'An alert rule', params: RuleParams } }, async (request) => {
    const { project } = await authorizeRead(request, runtime.projects, request.params.project);
    return visible(await requireRule(project.id, request.params.id));
  });

  app.put<{ Params: Static<typeof RuleParams>; Body: unknown }>(`${base}/:id`, { schema: { tags, summary: 'Replace an alert rule', params: RuleParams, body: RuleBody } }, async (request) => {
    const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
    const rule = checkRule(request.body);
    if (!(await store.replace(project.id, request.params.id, rule, new Date().toISOString()))) {
      throw new WaymarkError('WM_ALERT_RULE_NOT_FOUND', 'id', `no alert rule "${request.params.id}" in this project`);
    }
    return visible((await store.find(project.id, request.params.id))!);
  });

  app.delete<{ Params: Static<typeof RuleParams> }>(`${base}/:id`, { schema: { tags, summary: 'Delete an alert rule', params: RuleParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    const { project } = await authorizeRead(request, runtime.projects, request.params.project, 'write');
    if (!(await store.delete(project.id, request.params.id))) throw new WaymarkError('WM_ALERT_RULE_NOT_FOUND', 'id', `no alert rule "${request.params.id}" in this project`);
    return reply.status(204).send();
  });

  app.get<{ Params: Static<typeof RuleParams> }>(`${base}/:id/deliveries`, { schema: { tags, summary: 'The alerts a rule sent, newest first, with their outcome', params: RuleParams } }, async (request) => {
    const { project } = await authorizeRead(request, runtime.projects, request.params.project);
    await requireRule(project.id, request.params.id);
    return { deliveries: await store.deliveries(project.id, request.params.id) };
  });
}
