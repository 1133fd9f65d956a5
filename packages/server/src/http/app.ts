import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import { SegmentBatch, SegmentMessage } from '@waymark/core';
import { Ajv } from 'ajv';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { captureRoutes, captureSchemas } from '../routes/ingest/routes.ts';
import { eventRoutes, eventSchemas } from '../routes/events/routes.ts';
import { keyRoutes, keySchemas } from '../routes/keys/routes.ts';
import { personRoutes, personSchemas } from '../routes/persons/routes.ts';
import { cohortRoutes, cohortSchemas } from '../routes/cohorts/routes.ts';
import { queryRoutes, querySchemas } from '../routes/query/routes.ts';
import { systemRoutes, systemSchemas } from '../routes/system/routes.ts';
import { installSessions } from './member-session.ts';
import { installWebApp } from './web-app.ts';
import { authRoutes } from '../routes/auth/routes.ts';
import { authSchemas } from '../routes/auth/schemas.ts';
import { memberRoutes } from '../routes/members/routes.ts';
import { journeyRoutes, journeySchemas } from '../routes/journeys/routes.ts';
import { replayRoutes } from '../routes/replays/routes.ts';
import { frictionRoutes, frictionSchemas } from '../routes/friction/routes.ts';
import { textRoutes } from '../routes/text/routes.ts';
import { surveyRoutes } from '../routes/surveys/index.ts';
import { sdkRoutes } from '../routes/sdk/routes.ts';
import type { Runtime } from '../runtime.ts';
import { installErrorBoundary } from './error-boundary.ts';
import { installJsonBodies } from './json-body.ts';

/**
 * Bodies are validated strictly (a number where a string belongs is an error, not a
 * conversion); query strings and path parameters are text, so they are coerced.
 */
function validators(shared: readonly object[]) {
  const options = { allErrors: false, useDefaults: true, strict: false } as const;
  const body = new Ajv({ ...options, coerceTypes: false });
  const text = new Ajv({ ...options, coerceTypes: 'array' });
  for (const schema of shared) {
    body.addSchema(schema);
    text.addSchema(schema);
  }
  return { body, text };
}

/** Schemas referenced by `$ref` from routes, and listed in the OpenAPI document. */
const SHARED_SCHEMAS = [SegmentMessage, SegmentBatch, ...captureSchemas, ...eventSchemas, ...personSchemas, ...keySchemas, ...systemSchemas, ...querySchemas, ...cohortSchemas, ...authSchemas, ...journeySchemas, ...frictionSchemas];

export async function buildApp(runtime: Runtime): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: runtime.logger as FastifyBaseLogger,
    // The error boundary logs what matters; a line per capture request would cost more than the request.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: true,
    requestIdHeader: 'x-request-id',
  });
  const ajv = validators(SHARED_SCHEMAS);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? ajv.body : ajv.text).compile(schema));

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Waymark API',
        version: runtime.version,
        description: "Capture speaks Segment's HTTP Tracking API (write key as the Basic auth user). Read APIs take a secret key as a Bearer token.",
      },
      components: {
        securitySchemes: {
          writeKey: { type: 'http', scheme: 'basic', description: 'The write key as user name, empty password.' },
          secretKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`) },
  });
  // Any origin may call with a key. Never add `credentials` or X-Waymark-Client here: session
  // cookies are safe from other sites because they cannot send that header (member-session.ts).
  await app.register(cors, { origin: true, allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', 'X-Request-Id'], maxAge: 86_400 });
  installJsonBodies(app);
  installErrorBoundary(app);
  await installSessions(app, runtime.members);

  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  systemRoutes(app, runtime);
  captureRoutes(app, runtime);
  eventRoutes(app, runtime);
  personRoutes(app, runtime);
  keyRoutes(app, runtime);
  queryRoutes(app, runtime);
  cohortRoutes(app, runtime);
  authRoutes(app, runtime);
  memberRoutes(app, runtime);
  journeyRoutes(app, runtime);
  replayRoutes(app, runtime);
  sdkRoutes(app);
  frictionRoutes(app, runtime);
  textRoutes(app, runtime);
  await surveyRoutes(app, runtime);
  await installWebApp(app, runtime.version);
  return app;
}
