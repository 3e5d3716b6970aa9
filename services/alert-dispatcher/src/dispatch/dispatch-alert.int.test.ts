import { describe, expect, test } from '@platform/testkit';
import { drained, manualClock, RECIPIENTS, startHarness, until } from '../testing/harness.fixture.js';

describe('dispatch-alert', () => {
  test('stores the alert, logs it, e-mails the recipients and POSTs a signed webhook, once each', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    try {
      const alert = await h.enqueue({ severity: 'medium', details: { deviceId: 3 }, dedupeKey: 'device.unreachable.3' });
      await until('e-mail and webhook', () => h.sink.messages.length === 1 && h.receiver.received.length === 1);
      await drained(h.dispatcher);

      const mail = h.sink.messages[0]!;
      expect(mail.to).toEqual(RECIPIENTS);
      expect(mail.subject).toBe('[MEDIUM] device-poller: device.unreachable');
      expect(mail.raw).toContain('device 3 did not answer');
      expect(mail.messageId).toBe(`<alert.${alert.alertId}.1@127.0.0.1>`);

      const hook = h.receiver.received[0]!;
      expect(hook.verified).toEqual({ ok: true });
      expect(hook.headers['x-alert-delivery-id']).toBe(`${alert.alertId}.1`);
      expect(JSON.parse(hook.body)).toMatchObject({ alertId: alert.alertId, severity: 'medium', occurrences: 1, details: { deviceId: 3 } });

      const row = await db.selectFrom('platform.sync_alerts').selectAll().where('id', '=', alert.alertId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ source: 'device-poller', dedupe_key: 'device-poller/device.unreachable.3', occurrences: 1, notification_round: 1 });
      expect(row.deliveries).toMatchObject({
        log: { status: 'sent', round: 1 },
        email: { status: 'sent', round: 1, attempts: 1, messageId: mail.messageId },
        webhook: { status: 'sent', round: 1, attempts: 1 },
      });
      const line = h.lines.find((l) => (l.alert as { alertId?: string } | undefined)?.alertId === alert.alertId);
      expect(line).toMatchObject({ level: 'warn', msg: 'device 3 did not answer', alert: { severity: 'medium' } });
    } finally {
      await h.close();
    }
  });

  test('a redelivered job (same alertId) neither counts the alert again nor sends again', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    try {
      const alert = await h.enqueue({ dedupeKey: 'redelivery' });
      await until('first delivery', () => h.sink.messages.length === 1 && h.receiver.received.length === 1);
      await drained(h.dispatcher);
      // What a stalled job looks like to the handler: BullMQ runs the same payload again.
      await h.dispatcher.producer.queue('alerts').remove(`dispatch-alert.${alert.alertId}`);
      await h.dispatcher.producer.enqueue('alerts', 'dispatch-alert', alert);
      await drained(h.dispatcher);

      expect(h.sink.messages).toHaveLength(1);
      expect(h.receiver.received).toHaveLength(1);
      const row = await db.selectFrom('platform.sync_alerts').selectAll().where('id', '=', alert.alertId).executeTakeFirstOrThrow();
      expect(row.occurrences).toBe(1);
    } finally {
      await h.close();
    }
  });

  test('repeats within the window are one notification; the next one after the window carries the count', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now, env: { DEDUPE_WINDOW_SECONDS: '300' } });
    try {
      const first = await h.enqueue({ dedupeKey: 'storm' });
      await drained(h.dispatcher);
      for (let i = 0; i < 4; i += 1) {
        clock.advance(60_000); // 4 repeats over 4 minutes: all inside the 5-minute window
        await h.enqueue({ dedupeKey: 'storm', severity: 'low' });
      }
      await drained(h.dispatcher);
      expect(h.sink.messages).toHaveLength(1);
      expect(h.receiver.received).toHaveLength(1);

      clock.advance(61_000); // 5 min 1 s after the first notification
      await h.enqueue({ dedupeKey: 'storm', severity: 'low' });
      await until('second notification', () => h.sink.messages.length === 2 && h.receiver.received.length === 2);
      await drained(h.dispatcher);

      expect(h.sink.messages[1]!.subject).toBe('[HIGH] device-poller: device.unreachable (x6)');
      expect(JSON.parse(h.receiver.received[1]!.body)).toMatchObject({ alertId: first.alertId, occurrences: 6, round: 2 });
      const rows = await db.selectFrom('platform.sync_alerts').select(['occurrences', 'notification_round']).where('dedupe_key', '=', 'device-poller/storm').execute();
      expect(rows).toEqual([{ occurrences: 6, notification_round: 2 }]);
      const receipts = await db.selectFrom('platform.alert_receipts').select(['round']).where('sync_alert_id', '=', first.alertId).execute();
      expect(receipts.map((r) => r.round).sort()).toEqual([1, 2, null, null, null, null]);
    } finally {
      await h.close();
    }
  });
});
