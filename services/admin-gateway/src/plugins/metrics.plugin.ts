import type { FastifyInstance } from 'fastify';
import { Gauge, Histogram, type Registry } from '@platform/runtime';
import { queueNames } from '@platform/queues';
import type { Queues } from '../jobs.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * `http_request_duration_seconds{method,route,status_code}`. `route` is the
 * route pattern (`/api/device-users/buffer/:id/map`), never the raw URL, so
 * the label set stays bounded whatever clients send.
 */
export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

/**
 * `platform_queue_jobs{queue,state}` for every catalog queue, read from Redis at
 * scrape time. With Redis down the series disappear (an absent() alert
 * catches that) instead of freezing at their last values.
 */
export function registerQueueMetrics(registry: Registry, queues: Queues): void {
  new Gauge({
    name: 'platform_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, failed, completed)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      if (queues.connection.status !== 'ready') return;
      const counts = await Promise.all(queueNames.map((name) => queues.producer.queue(name).getJobCounts(...JOB_STATES)));
      queueNames.forEach((queue, i) => {
        for (const state of JOB_STATES) this.set({ queue, state }, counts[i]?.[state] ?? 0);
      });
    },
  });
}
