import { sql } from 'kysely';
import type { Database, Kysely } from '@platform/db';

/** Spec 002: audit logs are kept 90 days; alerts nobody acknowledged are acknowledged after 30. */
export const AUDIT_RETENTION_DAYS = 90;
export const ALERT_AUTO_ACK_DAYS = 30;
export const AUTO_ACK_BY = 'system:auto-ack-30d';

export interface RetentionResult {
  recordLogs: number;
  errorLogs: number;
  runs: number;
  alertsAcknowledged: number;
}

/**
 * Bounded history, run after each sync. Deletes in batches (`batchSize` rows per statement, at most
 * `maxBatches` per table per call, so one call never holds locks long; the next sync continues).
 * The append-only trigger allows DELETE only of rows older than 90 days, so this cannot remove
 * anything younger even by mistake. Ages use the database clock, like the trigger.
 */
export async function enforceRetention(db: Kysely<Database>, options: { batchSize?: number; maxBatches?: number } = {}): Promise<RetentionResult> {
  const batchSize = options.batchSize ?? 5_000;
  const maxBatches = options.maxBatches ?? 20;
  const cutoff = sql`now() - make_interval(days => ${AUDIT_RETENTION_DAYS})`;
  const purge = async (table: 'sync_record_logs' | 'sync_error_logs'): Promise<number> => {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const { numAffectedRows } = await sql`
        DELETE FROM ${sql.table(`sellers.${table}`)} WHERE id IN (
          SELECT id FROM ${sql.table(`sellers.${table}`)} WHERE occurred_at < ${cutoff} LIMIT ${batchSize})`.execute(db);
      const n = Number(numAffectedRows ?? 0);
      total += n;
      if (n < batchSize) break;
    }
    return total;
  };
  const recordLogs = await purge('sync_record_logs');
  const errorLogs = await purge('sync_error_logs');
  // A finished run older than the window with no logs left (its metrics row cascades).
  const runs = await sql`
    DELETE FROM sellers.sync_audit_logs a
    WHERE a.start_time < ${cutoff} AND a.status <> 'in_progress'
      AND NOT EXISTS (SELECT 1 FROM sellers.sync_record_logs r WHERE r.audit_log_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM sellers.sync_error_logs e WHERE e.audit_log_id = a.id)`.execute(db);
  // Only seller-sync's own alerts: the other services' alerts are theirs to age.
  const acked = await sql`
    UPDATE platform.sync_alerts SET acknowledged = true, acknowledged_at = now(), acknowledged_by = ${AUTO_ACK_BY}
    WHERE source = 'seller-sync' AND NOT acknowledged AND last_seen_at < now() - make_interval(days => ${ALERT_AUTO_ACK_DAYS})`.execute(db);
  return { recordLogs, errorLogs, runs: Number(runs.numAffectedRows ?? 0), alertsAcknowledged: Number(acked.numAffectedRows ?? 0) };
}
