import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';
import { registerOpsRoutes, type ReadinessCheck } from './ops-routes.js';

function app(checks: Record<string, ReadinessCheck>, accepting = true) {
  const server = Fastify();
  registerOpsRoutes(server, { metrics: createMetrics('test'), checks, isAccepting: () => accepting, checkTimeoutMs: 100 });
  return server;
}

describe('ops routes', () => {
  it('live answers 200 whatever the dependencies do', async () => {
    const res = await app({ postgres: () => Promise.reject(new Error('down')) }).inject('/healthz/live');
    expect(res.statusCode).toBe(200);
  });

  it('ready is 200 only when every check passes', async () => {
    const res = await app({ postgres: async () => 1, redis: async () => 'PONG' }).inject('/healthz/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('ready is 503 and names the failing dependency', async () => {
    const res = await app({ postgres: async () => 1, redis: () => Promise.reject(new Error('ECONNREFUSED')) }).inject(
      '/healthz/ready',
    );
    expect(res.statusCode).toBe(503);
    expect(res.json().checks).toEqual({ postgres: 'ok', redis: 'ECONNREFUSED' });
  });

  it('a check that hangs counts as failed', async () => {
    // Never settles: only the check timeout can end it, however slow the machine.
    const res = await app({ postgres: () => new Promise(() => undefined) }).inject('/healthz/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json().checks.postgres).toMatch(/no answer within 100 ms/);
  });

  it('ready is 503 while shutting down', async () => {
    const res = await app({}, false).inject('/healthz/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json().status).toBe('shutting_down');
  });

  it('metrics are Prometheus text with the service label', async () => {
    const res = await app({}).inject('/metrics');
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(/process_cpu_user_seconds_total\{service="test"\}/);
  });
});
