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
/** Written when retention deletes a file; such a backup is gone and is not listed. */
export const BACKUP_PRUNED = 'backup_pruned';

/** Backups recorded as created and not since pruned. */
function liveBackups(db: Db) {
  return db
    .selectFrom('attendance.device_user_audit_log as b')
    .where('b.operation_type', '=', BACKUP_CREATED)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('attendance.device_user_audit_log as p')
            .select('p.id')
            .where('p.operation_type', '=', BACKUP_PRUNED)
            .whereRef('p.device_id', '=', 'b.device_id')
            .where(sql<boolean>`p.details->>'file' = b.details->>'file'`),
        ),
      ),
    );
}

export async function listBackups(db: Db, f: { deviceId?: number; limit: number; offset: number }) {
  let query = liveBackups(db);
  if (f.deviceId !== undefined) query = query.where('b.device_id', '=', f.deviceId);
  const [rows, count] = await Promise.all([
    query
      .select(['b.id', 'b.device_id', 'b.occurred_at', 'b.performed_by', 'b.details'])
      .orderBy('b.occurred_at', 'desc')
      .orderBy('b.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findBackup(db: Db, deviceId: number, file: string) {
  return liveBackups(db)
    .select(['b.id', 'b.occurred_at'])
    .where('b.device_id', '=', deviceId)
    .where(sql<string>`b.details->>'file'`, '=', file)
    .executeTakeFirst();
}
