import Fastify from 'fastify';
import { createLogger, Registry } from '@platform/runtime';
import { describe, expect, test } from '@platform/testkit';
import { drained, manualClock, startHarness, until } from '../testing/harness.fixture.js';
import { ALERTMANAGER_WEBHOOK_PATH, registerAlertmanagerWebhook } from './alertmanager-webhook.route.js';

/** What Alertmanager 0.25+ POSTs for one group (trimmed to the fields that vary here). */
function webhookBody(alerts: { status: 'firing' | 'resolved'; alertname: string; severity: string; fingerprint: string }[]) {
  return {
    version: '4',
    groupKey: '{}:{alertname="PlatformServiceDown"}',
    truncatedAlerts: 0,
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'alert-dispatcher',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts: alerts.map((a) => ({
      status: a.status,
      labels: { alertname: a.alertname, severity: a.severity, service: 'device-poller', instance: 'device-poller:9101' },
      annotations: { summary: `${a.alertname} summary`, description: 'what to do' },
      startsAt: '2026-12-03T14:00:00.123456789Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph',
      fingerprint: a.fingerprint,
    })),
  };
}

describe('Alertmanager webhook receiver', () => {
  test('dispatches each firing alert into the platform history once; resolved ones are only counted', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    const metrics = new Registry();
    const app = Fastify();
    registerAlertmanagerWebhook(app, { producer: h.dispatcher.producer, metrics, log: createLogger({ service: 'test', level: 'silent' }) });
    try {
      const body = webhookBody([
        { status: 'firing', alertname: 'PlatformServiceDown', severity: 'critical', fingerprint: 'aa11' },
        { status: 'resolved', alertname: 'PlatformQueueBacklog', severity: 'warning', fingerprint: 'bb22' },
      ]);
      const first = await app.inject({ method: 'POST', url: ALERTMANAGER_WEBHOOK_PATH, payload: body });
      expect(first.statusCode).toBe(202);
      expect(first.json()).toEqual({ dispatched: 1 });
      // Alertmanager retries and repeats the same episode: the same alert, not a second one.
      expect((await app.inject({ method: 'POST', url: ALERTMANAGER_WEBHOOK_PATH, payload: body })).statusCode).toBe(202);

      await until('the alert stored and e-mailed', () => h.sink.messages.length === 1, 60_000);
      await drained(h.dispatcher, 60_000);
      const rows = await db.selectFrom('platform.sync_alerts').selectAll().where('source', '=', 'alertmanager').execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ dedupe_key: 'alertmanager/PlatformServiceDown.aa11', severity: 'high', occurrences: 1 });
      expect(h.sink.messages[0]!.subject).toBe('[HIGH] alertmanager: PlatformServiceDown');
      const exported = await metrics.getSingleMetricAsString('alert_dispatcher_alertmanager_alerts_total');
      expect(exported).toContain('alert_dispatcher_alertmanager_alerts_total{status="firing"} 2');
      expect(exported).toContain('alert_dispatcher_alertmanager_alerts_total{status="resolved"} 2');
    } finally {
      await app.close();
      await h.close();
    }
  });

  test('a body that is not Alertmanager webhook version 4 is refused with problem+json naming the field', async ({ db, redis, prefix }) => {
    const h = await startHarness({ db, redis, prefix, now: manualClock().now });
    const app = Fastify();
    registerAlertmanagerWebhook(app, { producer: h.dispatcher.producer, metrics: new Registry(), log: createLogger({ service: 'test', level: 'silent' }) });
    try {
      const body = webhookBody([{ status: 'firing', alertname: '', severity: 'critical', fingerprint: 'cc33' }]);
      const res = await app.inject({ method: 'POST', url: ALERTMANAGER_WEBHOOK_PATH, payload: { ...body, version: '3' } });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().detail).toMatch(/version: only Alertmanager webhook version "4"/);
      expect(res.json().detail).toMatch(/alerts\.0\.labels: labels\.alertname is required/);
      expect(await h.dispatcher.producer.queue('alerts').getJobCounts('waiting', 'active', 'completed')).toEqual({ waiting: 0, active: 0, completed: 0 });
    } finally {
      await app.close();
      await h.close();
    }
  });
});
