import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerOpsRoutes, type ReadinessCheck, type RedisClient, type Registry } from '@platform/runtime';
import { registerAuth } from './plugins/auth.plugin.js';
import { registerBullBoard } from './plugins/bull-board.plugin.js';
import { registerHttpMetrics, registerQueueMetrics } from './plugins/metrics.plugin.js';
import { registerProblemDetails, sendProblem } from './plugins/problem-details.plugin.js';
import { registerSwagger } from './plugins/swagger.plugin.js';
import { routeGroups } from './routes/index.js';
import type { RouteDeps } from './routes/route-group.js';

export interface AppDeps extends RouteDeps {
  metrics: Registry;
  /** Holds the login rate-limit counters; a `client`-role connection. */
  rateLimitRedis: RedisClient;
  /** Key prefix of those counters (tests isolate themselves with it). */
  rateLimitPrefix: string;
  log?: FastifyBaseLogger;
  readiness?: { checks: Record<string, ReadinessCheck>; isAccepting: () => boolean };
}

/**
 * The whole HTTP surface: ops routes, the admin API, /docs and Bull Board.
 * No side effects beyond the app itself, so tests build it and use `inject`.
 *
 * @example
 * const app = await buildApp({ db, queues, tokens, metrics, rateLimitRedis, rateLimitPrefix: 'platform', ... });
 * const res = await app.inject({ method: 'GET', url: '/api/devices', headers: { authorization: `Bearer ${token}` } });
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.log ? { loggerInstance: deps.log } : { logger: false }),
    // Every body here is a few fields; a 1 MiB default only helps a flood.
    bodyLimit: 64 * 1024,
    // URLs the router cannot even parse (bad %-escapes, a 100+ character id) never reach the
    // error handler; answer them as problems too.
    frameworkErrors: (error, request, reply) =>
      sendProblem(request, reply, { status: error.statusCode ?? 400, detail: error.message }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemDetails(app);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    redis: deps.rateLimitRedis,
    nameSpace: `${deps.rateLimitPrefix}:login-rate:`,
  });
  registerAuth(app, deps.db, deps.tokens);
  registerHttpMetrics(app, deps.metrics);
  registerQueueMetrics(deps.metrics, deps.queues);
  await registerSwagger(app);

  registerOpsRoutes(app, {
    metrics: deps.metrics,
    checks: deps.readiness?.checks ?? {},
    isAccepting: deps.readiness?.isAccepting ?? (() => true),
  });
  for (const group of routeGroups) await group.register(app, deps);
  await registerBullBoard(app, deps.queues, deps.db);
  return app;
}
