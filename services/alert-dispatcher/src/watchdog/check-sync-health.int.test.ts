import { describe, expect, test } from '@platform/testkit';
import { drained, manualClock, RECIPIENTS, startHarness, until } from '../testing/harness.fixture.js';

const MINUTE = 60_000;

describe('check-sync-health watchdog', () => {
  test('raises no_sync for stale devices, seller sync, meter tenants and backups, not for fresh ones; a stuck sync stays one grouped alert', async ({
    db,
    redis,
    prefix,
  }) => {
    const clock = manualClock(new Date('2026-11-22T12:00:00Z'));
    const h = await startHarness({ db, redis, prefix, now: clock.now, env: { NO_SYNC_DEVICE_SECONDS: '900', NO_SYNC_METERS_SECONDS: '3600', NO_SYNC_BACKUPS_SECONDS: '86400' } });
    try {
      const at = (minutesAgo: number) => new Date(clock.now().getTime() - minutesAgo * MINUTE);
      const devices = await db
        .insertInto('platform.devices')
        .values([
          { name: 'fresh', host: '10.0.0.1', created_at: at(600) },
          { name: 'stale', host: '10.0.0.2', created_at: at(600) },
          { name: 'never-polled', host: '10.0.0.3', created_at: at(600) },
          { name: 'disabled', host: '10.0.0.4', enabled: false, created_at: at(600) },
          { name: 'just-added', host: '10.0.0.5', created_at: at(1) },
          { name: 'old-unbacked', host: '10.0.0.6', created_at: at(2 * 1440) },
          { name: 'old-backed', host: '10.0.0.7', created_at: at(2 * 1440) },
        ])
        .returning(['id', 'name'])
        .execute();
      const id = (name: string) => devices.find((d) => d.name === name)!.id;
      await db
        .insertInto('platform.device_health')
        .values([
          { device_id: id('fresh'), last_success_at: at(5) },
          { device_id: id('stale'), last_success_at: at(16) },
          { device_id: id('disabled'), last_success_at: at(600) },
          { device_id: id('old-unbacked'), last_success_at: at(1) },
          { device_id: id('old-backed'), last_success_at: at(1) },
        ])
        .execute();
      // backup-worker's record of a backup written (services/backup-worker/src/backup/backup-audit.ts).
      await db
        .insertInto('attendance.device_user_audit_log')
        .values({ device_id: id('old-backed'), operation_type: 'backup_created', performed_by: 'backup-worker', occurred_at: at(60), details: { file: 'x.json.gz' } })
        .execute();
      // seller-sync alerts are e-mailed only when its alertConfig says so (default off).
      await db.insertInto('sellers.sync_config').values({ config_key: 'alertConfig', config_value: JSON.stringify({ emailEnabled: true, emailRecipients: RECIPIENTS }) }).execute();
      await db
        .insertInto('sellers.sync_audit_logs')
        .values([
          { start_time: at(120), end_time: at(119), trigger_source: 'scheduled', status: 'completed' },
          { start_time: at(30), end_time: at(29), trigger_source: 'scheduled', status: 'failed' },
        ])
        .execute();
      await db
        .insertInto('metering.sync_runs')
        .values([
          { tenant_id: 1, trigger: 'scheduled', status: 'succeeded', finished_at: at(10) },
          { tenant_id: 2, trigger: 'scheduled', status: 'succeeded', finished_at: at(90) },
          { tenant_id: 2, trigger: 'scheduled', status: 'failed', finished_at: at(20) },
          // Never succeeded, first run long ago: stale. Never succeeded, first run just started: not yet.
          { tenant_id: 3, trigger: 'manual', status: 'running', created_at: at(90) },
          { tenant_id: 4, trigger: 'scheduled', status: 'running', created_at: at(1) },
        ])
        .execute();

      await h.dispatcher.producer.enqueue('alerts', 'check-sync-health', {});
      await until('six no_sync e-mails', () => h.sink.messages.length === 6);
      await drained(h.dispatcher);

      const rows = await db.selectFrom('platform.sync_alerts').select(['source', 'dedupe_key', 'severity', 'occurrences']).where('type', '=', 'no_sync').orderBy('dedupe_key').execute();
      expect(rows).toEqual([
        { source: 'device-poller', dedupe_key: `device-poller/no_sync.device.${id('never-polled')}`, severity: 'high', occurrences: 1 },
        { source: 'device-poller', dedupe_key: `device-poller/no_sync.device.${id('stale')}`, severity: 'high', occurrences: 1 },
        { source: 'seller-sync', dedupe_key: 'seller-sync/no_sync.sellers', severity: 'high', occurrences: 1 },
        { source: 'meter-sync', dedupe_key: 'meter-sync/no_sync.tenant.2', severity: 'high', occurrences: 1 },
        { source: 'meter-sync', dedupe_key: 'meter-sync/no_sync.tenant.3', severity: 'high', occurrences: 1 },
        { source: 'backup-worker', dedupe_key: `backup-worker/no_sync.backup.device.${id('old-unbacked')}`, severity: 'high', occurrences: 1 },
      ].sort((a, b) => a.dedupe_key.localeCompare(b.dedupe_key)));

      // Next tick, a minute later, nothing fixed: counted on the open alerts, no new e-mails.
      clock.advance(MINUTE);
      await h.dispatcher.producer.enqueue('alerts', 'check-sync-health', {});
      await until('the second tick to be counted', async () => {
        const counts = await db.selectFrom('platform.sync_alerts').select('occurrences').where('type', '=', 'no_sync').execute();
        return counts.every((c) => c.occurrences === 2);
      });
      await drained(h.dispatcher);
      expect(h.sink.messages).toHaveLength(6);
    } finally {
      await h.close();
    }
  });

  test('the watchdog schedule is a BullMQ job scheduler, upserted idempotently on every boot', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now, env: { WATCHDOG_EVERY_SECONDS: '60' } });
    try {
      await h.dispatcher.scheduleWatchdog();
      await h.dispatcher.scheduleWatchdog();
      const schedulers = await h.dispatcher.producer.queue('alerts').getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ key: 'check-sync-health', name: 'check-sync-health', every: 60_000 });
    } finally {
      await h.close();
    }
  });
});
