import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/** A named dependency probe; throws or rejects when the dependency is down. */
export type ReadinessCheck = () => Promise<unknown>;

export interface OpsRoutesOptions {
  metrics: Registry;
  checks: Record<string, ReadinessCheck>;
  /** Flipped to false first thing on shutdown so the load balancer drains us. */
  isAccepting: () => boolean;
  /** A probe slower than this counts as failed; k8s probes time out at 1 s by default. */
  checkTimeoutMs?: number;
}

/**
 * `/healthz/live` (the process runs), `/healthz/ready` (it can do its work:
 * every check passes and it is not shutting down) and `/metrics`.
 * Registered on any fastify app, so admin-gateway serves them beside its API.
 */
export function registerOpsRoutes(app: FastifyInstance, options: OpsRoutesOptions): void {
  const timeoutMs = options.checkTimeoutMs ?? 800;

  app.get('/healthz/live', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/healthz/ready', { logLevel: 'warn' }, async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : String(error)] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const healthy = options.isAccepting() && results.every(([, result]) => result === 'ok');
    return reply
      .code(healthy ? 200 : 503)
      .send({ status: healthy ? 'ok' : options.isAccepting() ? 'unavailable' : 'shutting_down', checks });
  });

  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    const body = await options.metrics.metrics();
    return reply.header('content-type', options.metrics.contentType).send(body);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
