import { sql } from 'kysely';
import type { Database, Kysely, Transaction } from '@platform/db';
import type { AttendanceRecord } from '@platform/zk';
import type { AttendanceCursor } from './attendance-cursor.js';

/**
 * Inserts one batch of punches in one statement; a punch already stored
 * (same device, user, instant) is skipped by the unique key, so a device
 * that returns its whole log on every read is stored once. Returns the
 * number of new rows.
 */
export async function insertAttendanceBatch(trx: Transaction<Database>, deviceId: number, logs: readonly AttendanceRecord[]): Promise<number> {
  if (logs.length === 0) return 0;
  const result = await sql`
    INSERT INTO attendance.attendance_logs (device_id, device_user_id, user_sn, record_time, verify_type, punch)
    SELECT ${deviceId}::int, t.* FROM unnest(
      ${logs.map((l) => l.deviceUserId)}::varchar[], ${logs.map((l) => l.userSn)}::int[],
      ${logs.map((l) => l.recordTime.toISOString())}::timestamptz[],
      ${logs.map((l) => l.verifyType)}::smallint[], ${logs.map((l) => l.state)}::smallint[]) AS t
    ON CONFLICT (device_id, device_user_id, record_time) DO NOTHING`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * The attendance cursor of the device's last completed sync (null before the
 * first, or when that sync predates cursors). A sync_completed row commits
 * after all of its run's punches, so the cursor never claims unstored punches.
 */
export async function readAttendanceCursor(db: Kysely<Database>, deviceId: number): Promise<AttendanceCursor | null> {
  const row = await db
    .selectFrom('attendance.device_user_audit_log')
    .select(sql<AttendanceCursor | null>`details->'attendanceCursor'`.as('cursor'))
    .where('device_id', '=', deviceId)
    .where('operation_type', '=', 'sync_completed')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.cursor ?? null;
}
