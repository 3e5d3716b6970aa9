import type { FastifyInstance } from 'fastify';
import type { Producer } from '@platform/queues';
import { Counter, type Logger, type Registry } from '@platform/runtime';
import { alertmanagerWebhook, toPlatformAlert } from './alertmanager-payload.js';

export const ALERTMANAGER_WEBHOOK_PATH = '/alertmanager/webhook';

const problem = (status: number, title: string, detail: string) => ({ type: 'about:blank', title, status, detail });

/**
 * POST /alertmanager/webhook: Alertmanager's webhook receiver. Each firing alert becomes a
 * `dispatch-alert` job, so Prometheus' infrastructure alerts share the platform's one history,
 * silences and channels. Resolved notifications are counted and logged only: a platform alert
 * stays open until a person acknowledges it. 202 once enqueued; 400 (problem+json) for a body that
 * is not Alertmanager's; 503 when Redis refuses, which makes Alertmanager retry.
 */
export function registerAlertmanagerWebhook(app: FastifyInstance, deps: { producer: Producer; metrics: Registry; log: Logger }): void {
  const received = new Counter({
    name: 'alert_dispatcher_alertmanager_alerts_total',
    help: 'Alerts Alertmanager posted to the webhook receiver, by status (firing are dispatched, resolved only counted)',
    labelNames: ['status'],
    registers: [deps.metrics],
  });

  app.post(ALERTMANAGER_WEBHOOK_PATH, async (request, reply) => {
    const parsed = alertmanagerWebhook.safeParse(request.body);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      return reply.code(400).type('application/problem+json').send(problem(400, 'Not an Alertmanager webhook (version 4) body', detail));
    }
    const firing = parsed.data.alerts.filter((a) => a.status === 'firing');
    try {
      for (const alert of firing) await deps.producer.enqueue('alerts', 'dispatch-alert', toPlatformAlert(alert));
    } catch (error) {
      deps.log.error({ err: error }, 'alertmanager webhook: could not enqueue; Alertmanager will retry');
      return reply.code(503).type('application/problem+json').send(problem(503, 'Alert queue unavailable', 'Redis refused the job; retry later'));
    }
    received.inc({ status: 'firing' }, firing.length);
    received.inc({ status: 'resolved' }, parsed.data.alerts.length - firing.length);
    deps.log.info({ firing: firing.length, resolved: parsed.data.alerts.length - firing.length }, 'alertmanager webhook received');
    return reply.code(202).send({ dispatched: firing.length });
  });
}
