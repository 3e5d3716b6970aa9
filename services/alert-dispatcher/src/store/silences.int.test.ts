import { describe, expect, test } from '@platform/testkit';
import { drained, manualClock, startHarness, until } from '../testing/harness.fixture.js';
import { acknowledgeAlert, createSilence, expireSilence } from './silences.js';

describe('silences and acknowledgement', () => {
  test('a muted type is stored and logged but not notified; after the silence ends the next alert notifies with the count', async ({
    db,
    redis,
    prefix,
  }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    try {
      const silence = await createSilence(db, { type: 'device.unreachable', reason: 'maintenance', createdBy: 'ana', durationSeconds: 600 }, clock.now());
      const muted = await h.enqueue({ dedupeKey: 'muted' });
      const second = await h.enqueue({ dedupeKey: 'muted' });
      const other = await h.enqueue({ type: 'sellers.sync_failed', dedupeKey: 'not-muted' });
      await until('the unmuted alert', () => h.sink.messages.length === 1);
      await drained(h.dispatcher);
      expect(h.sink.messages[0]!.subject).toContain('sellers.sync_failed');
      expect(h.receiver.received).toHaveLength(1);

      // Either muted alert may have created the row (the worker runs jobs concurrently), so look it up by key.
      const row = await db.selectFrom('platform.sync_alerts').selectAll().where('dedupe_key', '=', 'device-poller/muted').executeTakeFirstOrThrow();
      expect([muted.alertId, second.alertId]).toContain(row.id);
      expect(row).toMatchObject({ occurrences: 2, notification_round: 0, notified_at: null });
      const receipts = await db.selectFrom('platform.alert_receipts').select('silence_id').where('sync_alert_id', '=', row.id).execute();
      expect(receipts).toEqual([{ silence_id: silence.id }, { silence_id: silence.id }]);
      expect(h.lines.filter((l) => (l.alert as { silenced?: boolean } | undefined)?.silenced === true)).toHaveLength(2);

      clock.advance(601_000);
      await h.enqueue({ dedupeKey: 'muted' });
      await until('the first notification after the silence', () => h.sink.messages.length === 2);
      expect(h.sink.messages[1]!.subject).toBe('[HIGH] device-poller: device.unreachable (x3)');
      expect(other.alertId).not.toBe(muted.alertId);
    } finally {
      await h.close();
    }
  });

  test('a silence expired early stops muting; expiring twice is refused', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    try {
      // meter-sync, not seller-sync: seller-sync e-mail follows its own alertConfig (off by default).
      const silence = await createSilence(db, { source: 'meter-sync', reason: 'meter migration', createdBy: 'ana', durationSeconds: 3600 }, clock.now());
      await h.enqueue({ source: 'meter-sync', type: 'meter.gap', dedupeKey: 'early' });
      await drained(h.dispatcher);
      expect(h.sink.messages).toHaveLength(0);
      clock.advance(1_000);
      expect(await expireSilence(db, silence.id, 'bob', clock.now())).toBe(true);
      expect(await expireSilence(db, silence.id, 'bob', clock.now())).toBe(false);
      await h.enqueue({ source: 'meter-sync', type: 'meter.gap', dedupeKey: 'early' });
      await until('notification after early expiry', () => h.sink.messages.length === 1);
    } finally {
      await h.close();
    }
  });

  test('an acknowledged alert is handled: the same key later opens a new row and notifies at once', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    try {
      // Tests in this file share a database (and the muting silence above): a type of its own.
      const first = await h.enqueue({ type: 'device.ack_test', dedupeKey: 'ack' });
      await until('first notification', () => h.sink.messages.length === 1);
      expect(await acknowledgeAlert(db, first.alertId, 'ana', clock.now())).toBe(true);
      expect(await acknowledgeAlert(db, first.alertId, 'ana', clock.now())).toBe(false);
      clock.advance(10_000); // well inside the 300 s window
      const second = await h.enqueue({ type: 'device.ack_test', dedupeKey: 'ack' });
      await until('second notification', () => h.sink.messages.length === 2);
      await drained(h.dispatcher);
      const rows = await db.selectFrom('platform.sync_alerts').select(['id', 'acknowledged', 'acknowledged_by']).where('dedupe_key', '=', 'device-poller/ack').orderBy('created_at').execute();
      expect(rows).toEqual([
        { id: first.alertId, acknowledged: true, acknowledged_by: 'ana' },
        { id: second.alertId, acknowledged: false, acknowledged_by: null },
      ]);
    } finally {
      await h.close();
    }
  });
});
