import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerOpsRoutes, type OpsRoutesOptions } from './ops-routes.js';

export interface OpsServerOptions extends OpsRoutesOptions {
  log: Logger;
}

/** The HTTP server of a queue-only service: health and metrics, nothing else. */
export function createOpsServer(options: OpsServerOptions): FastifyInstance {
  const app = Fastify({ loggerInstance: options.log.child({ component: 'http' }) as FastifyBaseLogger, disableRequestLogging: true });
  registerOpsRoutes(app, options);
  return app;
}
