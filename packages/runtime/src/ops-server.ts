import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerOpsRoutes, type OpsRoutesOptions } from './ops-routes.js';

export interface OpsServerOptions extends OpsRoutesOptions {
  log: Logger;
}

/** The HTTP server of a queue-only service: health and metrics, nothing else. */
export function createOpsServer(options: OpsServerOptions): FastifyInstance {
  const app = Fastify({ loggerInstance: options.log.child({ component: 'http' }) as FastifyBaseLogger });
  registerOpsRoutes(app, options);
  return app;
}

/**
 * Starts listening; a port already in use or a bad host ends the process
 * with one log line naming HTTP_PORT/HTTP_HOST instead of a stack trace.
 */
export async function listenOrExit(app: FastifyInstance, host: string, port: number, log: Logger): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') {
      log.fatal({ code, host, port }, `cannot listen on ${host}:${port} (${code}); set HTTP_HOST/HTTP_PORT`);
      process.exit(1);
    }
    throw error;
  }
}
