import { sql } from 'kysely';
import { readSellerSyncSettings, type Database, type Kysely } from '@platform/db';

/** One thing whose last successful sync is older than its threshold. */
export interface StaleSync {
  /** Service that owns the sync; becomes the alert's `source` so a silence on it mutes these too. */
  service: string;
  /** What is stale, stable across checks (`device.3`, `sellers`): part of the dedupe key. */
  subject: string;
  lastSuccessAt: Date | null;
  thresholdSeconds: number;
}

/**
 * Reads the health one service records. Adding a source (meter sync, backups,
 * once they record a last success in PostgreSQL) is one more entry in `createSyncHealthSources`.
 */
export interface SyncHealthSource {
  readonly name: string;
  stale(db: Kysely<Database>, now: Date): Promise<StaleSync[]>;
}

const cutoff = (now: Date, seconds: number) => new Date(now.getTime() - seconds * 1000);

/** Enabled devices whose last successful poll (or creation, if never polled) is older than the threshold. */
export function deviceSyncSource(thresholdSeconds: number): SyncHealthSource {
  return {
    name: 'device-sync',
    async stale(db, now) {
      const rows = await db
        .selectFrom('platform.devices as d')
        .leftJoin('platform.device_health as h', 'h.device_id', 'd.id')
        .select(['d.id', 'h.last_success_at'])
        .where('d.enabled', '=', true)
        .where(sql<Date>`COALESCE(h.last_success_at, d.created_at)`, '<', cutoff(now, thresholdSeconds))
        .orderBy('d.id')
        .execute();
      return rows.map((r) => ({ service: 'device-poller', subject: `device.${r.id}`, lastSuccessAt: r.last_success_at, thresholdSeconds }));
    },
  };
}

/**
 * Seller sync, from `sellers.sync_audit_logs`: stale when runs exist but none
 * completed within the threshold (counted from the first run while none has
 * completed yet). No runs at all means the sync is not deployed here. The
 * threshold is the live `noSyncThresholdMinutes` setting (spec 002 Req 10),
 * read on every check.
 */
export function sellerSyncSource(): SyncHealthSource {
  return {
    name: 'seller-sync',
    async stale(db, now) {
      const thresholdSeconds = (await readSellerSyncSettings(db)).noSyncThresholdMinutes * 60;
      const row = await db
        .selectFrom('sellers.sync_audit_logs')
        .select((eb) => [
          eb.fn.countAll<string>().as('runs'),
          eb.fn.max(sql<Date>`COALESCE(end_time, start_time)`).filterWhere('status', '=', 'completed').as('last_success_at'),
          eb.fn.min('start_time').as('first_start_at'),
        ])
        .executeTakeFirstOrThrow();
      if (Number(row.runs) === 0) return [];
      const last = row.last_success_at as Date | null;
      // Until a run has succeeded, count from the first one, so a fresh install does not alert at once.
      const since = last ?? (row.first_start_at as Date | null);
      if (since && since >= cutoff(now, thresholdSeconds)) return [];
      return [{ service: 'seller-sync', subject: 'sellers', lastSuccessAt: last, thresholdSeconds }];
    },
  };
}

/**
 * Meter sync, from `metering.sync_runs`: per tenant that has runs, stale when
 * none `succeeded` finished within the threshold (counted from its first run
 * while none has succeeded yet, so a fresh install does not alert at once).
 */
export function meterSyncSource(thresholdSeconds: number): SyncHealthSource {
  return {
    name: 'meter-sync',
    async stale(db, now) {
      const lastSuccess = sql<Date | null>`max(finished_at) FILTER (WHERE status = 'succeeded')`;
      const rows = await db
        .selectFrom('metering.sync_runs')
        .select(['tenant_id', lastSuccess.as('last_success_at')])
        .groupBy('tenant_id')
        // A tenant whose first run is still going is not stale: count from that run until one succeeds.
        .having(sql<Date>`COALESCE(max(finished_at) FILTER (WHERE status = 'succeeded'), min(created_at))`, '<', cutoff(now, thresholdSeconds))
        .orderBy('tenant_id')
        .execute();
      return rows.map((r) => ({ service: 'meter-sync', subject: `tenant.${r.tenant_id}`, lastSuccessAt: r.last_success_at, thresholdSeconds }));
    },
  };
}

/** backup-worker's audit row for a backup written (its `backup-audit.ts`; a service cannot import another). */
const BACKUP_CREATED = 'backup_created';

/**
 * Device backups, from backup-worker's `backup_created` rows in
 * `attendance.device_user_audit_log`: enabled devices whose last backup (or
 * creation, if never backed up) is older than the threshold.
 */
export function backupSource(thresholdSeconds: number): SyncHealthSource {
  return {
    name: 'backups',
    async stale(db, now) {
      const lastBackup = sql<Date | null>`max(l.occurred_at)`;
      const rows = await db
        .selectFrom('platform.devices as d')
        .leftJoin('attendance.device_user_audit_log as l', (join) =>
          join.onRef('l.device_id', '=', 'd.id').on('l.operation_type', '=', BACKUP_CREATED),
        )
        .select(['d.id', lastBackup.as('last_success_at')])
        .where('d.enabled', '=', true)
        .groupBy(['d.id', 'd.created_at'])
        .having(sql<Date>`COALESCE(max(l.occurred_at), d.created_at)`, '<', cutoff(now, thresholdSeconds))
        .orderBy('d.id')
        .execute();
      return rows.map((r) => ({ service: 'backup-worker', subject: `backup.device.${r.id}`, lastSuccessAt: r.last_success_at, thresholdSeconds }));
    },
  };
}

export interface SyncThresholds {
  deviceSeconds: number;
  metersSeconds: number;
  backupsSeconds: number;
}

/** Every source that records its health in PostgreSQL; a new one is one more entry here. */
export function createSyncHealthSources(t: SyncThresholds): SyncHealthSource[] {
  return [
    deviceSyncSource(t.deviceSeconds),
    sellerSyncSource(),
    meterSyncSource(t.metersSeconds),
    backupSource(t.backupsSeconds),
  ];
}
