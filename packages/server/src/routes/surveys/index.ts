import type { FastifyInstance } from 'fastify';
import { AlertWorker } from '../../alerts/alert-worker.ts';
import type { Runtime } from '../../runtime.ts';
import { SurveyLinkSigner } from '../../surveys/survey-link.ts';
import { SurveyService } from '../../surveys/survey-service.ts';
import { alertRuleRoutes } from '../alerts/routes.ts';
import { surveyDeliveryRoutes } from './delivery-routes.ts';
import { surveyLinkRoutes } from './link-routes.ts';
import { surveyManagementRoutes } from './routes.ts';
import { surveyScoreRoutes } from './score-routes.ts';

/**
 * Surveys and the closed loop: definitions, delivery to the widget, email links, scores,
 * alert rules, and the alert worker, which runs while the server does.
 */
export async function surveyRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const service = new SurveyService(runtime);
  surveyManagementRoutes(app, runtime, service);
  surveyDeliveryRoutes(app, runtime, service);
  surveyScoreRoutes(app, runtime, service);
  await surveyLinkRoutes(app, runtime, service, SurveyLinkSigner.open(runtime.config.dataDir));
  alertRuleRoutes(app, runtime);
  const worker = AlertWorker.forRuntime(runtime);
  worker.start();
  app.addHook('onClose', () => worker.stop());
}
