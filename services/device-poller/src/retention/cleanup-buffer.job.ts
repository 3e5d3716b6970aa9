import { sql } from 'kysely';
import type { Database, Kysely } from '@platform/db';

/** Seed 000 Req 2.5: a buffered device user seen within 90 days is never deleted. */
export const MIN_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * The retention boundary, defined here once: a row last seen at or after this
 * instant is kept (a row exactly `days` x 24 h old is still kept); only rows
 * seen strictly before it may go. Days are 24-hour days, not calendar days, so
 * the boundary does not move with the session's time zone or DST.
 */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Deletes unmapped buffer rows not seen for `olderThanDays` days (see
 * retentionCutoff), with one `buffer_record_purged` audit row each, in one
 * statement. Mapped, conflicting and ignored rows are decisions an admin made
 * and are kept.
 */
export async function cleanupBuffer(db: Kysely<Database>, olderThanDays: number, performedBy: string, now: Date = new Date()): Promise<{ purged: number }> {
  if (!Number.isInteger(olderThanDays) || olderThanDays < MIN_RETENTION_DAYS) {
    throw new RangeError(`buffer retention must be an integer of at least ${MIN_RETENTION_DAYS} days, got ${olderThanDays}`);
  }
  const result = await sql<{ purged: number }>`
    WITH gone AS (
      DELETE FROM attendance.device_user_buffer
      WHERE mapping_status = 'unmapped' AND last_seen_at < ${retentionCutoff(now, olderThanDays)}::timestamptz
      RETURNING device_id, device_user_id, name, discovered_at, last_seen_at
    ), audit AS (
      INSERT INTO attendance.device_user_audit_log (device_id, operation_type, device_user_id, device_user_name, performed_by, service_name, details)
      SELECT device_id, 'buffer_record_purged', device_user_id, name, ${performedBy}::text, 'device-poller',
             jsonb_build_object('olderThanDays', ${olderThanDays}::int, 'discoveredAt', discovered_at, 'lastSeenAt', last_seen_at)
      FROM gone
    )
    SELECT count(*)::int AS purged FROM gone`.execute(db);
  return { purged: result.rows[0]?.purged ?? 0 };
}
