import { sql } from 'kysely';
import type { Database, Kysely, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The contract with backup-worker: every backup it writes is recorded as a
 * `device_user_audit_log` row with this operation type and
 * `details = { file, userCount, sizeBytes? }`. The files live on the worker's
 * volume; this row is how the rest of the platform knows they exist.
 */
export const BACKUP_CREATED = 'backup_created';

export async function listBackups(db: Db, f: { deviceId?: number; limit: number; offset: number }) {
  let query = db.selectFrom('attendance.device_user_audit_log').where('operation_type', '=', BACKUP_CREATED);
  if (f.deviceId !== undefined) query = query.where('device_id', '=', f.deviceId);
  const [rows, count] = await Promise.all([
    query
      .select(['id', 'device_id', 'occurred_at', 'performed_by', 'details'])
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findBackup(db: Db, deviceId: number, file: string) {
  return db
    .selectFrom('attendance.device_user_audit_log')
    .select(['id', 'occurred_at'])
    .where('operation_type', '=', BACKUP_CREATED)
    .where('device_id', '=', deviceId)
    .where(sql<string>`details->>'file'`, '=', file)
    .executeTakeFirst();
}
