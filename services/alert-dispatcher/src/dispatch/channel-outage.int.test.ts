import { describe, expect, test } from '@platform/testkit';
import { drained, manualClock, startHarness, until } from '../testing/harness.fixture.js';

describe('a channel that is down', () => {
  // The acceptance is a 30 s outage; here the sink stays down until every e-mail attempt
  // has failed, which is what an outage of any length does. The mechanism is the production
  // one: the job fails, BullMQ retries it with the catalog backoff (5 s, doubling), and the
  // retry skips the channels already sent. How many retries fell inside the outage depends on
  // scheduling, so the attempt count is not pinned: every failed attempt precedes the one send.
  test('SMTP sink down (scaled from 30 s): alerts raised meanwhile are all e-mailed after it returns, once each; the webhook is not held back or repeated', async ({
    db,
    redis,
    prefix,
  }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    try {
      await h.sink.stop();
      const alerts = [];
      for (let i = 0; i < 5; i += 1) alerts.push(await h.enqueue({ dedupeKey: `outage.${i}`, message: `alert ${i}` }));
      await until('webhooks while SMTP is down', () => h.receiver.received.length === 5);
      await until('every e-mail attempt to fail once', async () => {
        const rows = await db.selectFrom('platform.sync_alerts').select('deliveries').execute();
        return rows.length === 5 && rows.every((r) => r.deliveries.email?.status === 'retrying');
      });
      expect(h.sink.messages).toHaveLength(0);

      await h.sink.start();
      await until('every e-mail after the sink returns', () => h.sink.messages.length === 5);
      await drained(h.dispatcher);

      expect(new Set(h.sink.messages.map((m) => m.messageId)).size).toBe(5);
      expect(h.sink.messages.map((m) => m.raw.includes('alert ')).every(Boolean)).toBe(true);
      expect(h.receiver.received).toHaveLength(5);
      const rows = await db.selectFrom('platform.sync_alerts').select('deliveries').execute();
      for (const { deliveries } of rows) {
        expect(deliveries.email).toMatchObject({ status: 'sent', attempts: deliveries.email?.log?.length });
        const log = deliveries.email?.log ?? [];
        expect(log.length).toBeGreaterThanOrEqual(2);
        for (const failed of log.slice(0, -1)) expect(failed.error).toMatch(/ECONNREFUSED/);
        expect(log.at(-1)?.error).toBeUndefined();
        expect(deliveries.webhook).toMatchObject({ status: 'sent', attempts: 1 });
      }
    } finally {
      await h.close();
    }
  });

  test('a webhook answering 503 is retried while e-mail is delivered once', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    try {
      h.receiver.status = 503;
      const alert = await h.enqueue({ dedupeKey: 'hook-down' });
      await until('the first webhook attempt to fail', async () => {
        const row = await db.selectFrom('platform.sync_alerts').select('deliveries').where('id', '=', alert.alertId).executeTakeFirst();
        return row?.deliveries.webhook?.status === 'retrying' && row.deliveries.email?.status === 'sent';
      });
      expect(h.sink.messages).toHaveLength(1);
      h.receiver.status = 204;
      await until('the webhook retry', () => h.receiver.received.length === 1);
      await drained(h.dispatcher);

      expect(h.sink.messages).toHaveLength(1);
      const row = await db.selectFrom('platform.sync_alerts').select('deliveries').where('id', '=', alert.alertId).executeTakeFirstOrThrow();
      // Retries that fell before the receiver recovered (scheduling decides how many) all saw the 503.
      const hook = row.deliveries.webhook;
      expect(hook).toMatchObject({ status: 'sent', attempts: hook?.log?.length });
      expect(hook?.log?.length).toBeGreaterThanOrEqual(2);
      for (const failed of hook?.log?.slice(0, -1) ?? []) expect(failed.error).toBe('webhook answered HTTP 503');
      expect(hook?.log?.at(-1)?.error).toBeUndefined();
      expect(row.deliveries.email).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      await h.close();
    }
  });
});
