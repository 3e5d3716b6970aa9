/*
 * Issue #15, Deliver 1: a seller-sync setting changed through admin-gateway's API acts in the
 * running service that reads it, without a restart. The chain: PATCH /api/seller-sync/config ->
 * sellers.sync_config -> alert-dispatcher (the no-sync watchdog; seller-sync alert e-mail).
 */
import { describe, expect, test } from '@platform/testkit';
import { createAccount, startApp } from '../../services/admin-gateway/src/app.fixture.js';
import { drained, manualClock, startHarness, until } from '../../services/alert-dispatcher/src/testing/harness.fixture.js';

const MINUTE = 60_000;

describe('seller-sync settings, admin API to the running service', () => {
  test('noSyncThresholdMinutes and alertConfig changed through PATCH /api/seller-sync/config act in the running alert-dispatcher', async ({ db, redis, prefix }) => {
    const clock = manualClock(new Date('2026-11-22T12:00:00Z'));
    const gateway = await startApp({ db, prefix });
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    try {
      const admin = await createAccount(db, gateway.tokens, 'admin');
      const patch = async (payload: Record<string, unknown>) => {
        const res = await gateway.app.inject({ method: 'PATCH', url: '/api/seller-sync/config', headers: admin.auth, payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(200);
      };
      const tick = async () => {
        const job = await h.dispatcher.producer.enqueue('alerts', 'check-sync-health', {});
        await until('the watchdog tick', async () => (await h.dispatcher.producer.queue('alerts').getJob(job.id!))?.finishedOn !== undefined, 60_000);
        await drained(h.dispatcher, 60_000);
      };
      const noSyncAlerts = () => db.selectFrom('platform.sync_alerts').select(['occurrences', 'message']).where('dedupe_key', '=', 'seller-sync/no_sync.sellers').execute();

      // noSyncThresholdMinutes: the last sync ended 45 minutes ago.
      await db.insertInto('sellers.sync_audit_logs').values({ start_time: new Date(clock.now().getTime() - 46 * MINUTE), end_time: new Date(clock.now().getTime() - 45 * MINUTE), trigger_source: 'scheduled', status: 'completed' }).execute();
      await patch({ noSyncThresholdMinutes: 60 });
      await tick();
      expect(await noSyncAlerts()).toEqual([]);
      await patch({ noSyncThresholdMinutes: 40 });
      await tick();
      expect(await noSyncAlerts()).toEqual([{ occurrences: 1, message: expect.stringContaining('threshold is 2400 s') }]);

      // alertConfig: e-mail off by default, then on to the recipients the API set, then off again.
      const sellerAlert = async (key: string) => {
        await h.enqueue({ source: 'seller-sync', type: 'seller_sync.sync_failed', dedupeKey: key });
        await until(`alert ${key} stored`, async () => (await db.selectFrom('platform.sync_alerts').select('id').where('dedupe_key', '=', `seller-sync/${key}`).execute()).length === 1, 60_000);
        await drained(h.dispatcher, 60_000);
      };
      await sellerAlert('before');
      expect(h.sink.messages).toEqual([]);
      await patch({ alertConfig: { emailEnabled: true, emailRecipients: ['sales-lead@example.org'] } });
      await sellerAlert('on');
      await until('the seller-sync e-mail', () => h.sink.messages.length === 1, 60_000);
      expect(h.sink.messages[0]!.to).toEqual(['sales-lead@example.org']);
      await patch({ alertConfig: { emailEnabled: false, emailRecipients: ['sales-lead@example.org'] } });
      await sellerAlert('off');
      expect(h.sink.messages).toHaveLength(1);
    } finally {
      await h.close();
      await gateway.close();
    }
  });
});
