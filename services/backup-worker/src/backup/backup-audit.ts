import type { Database, Kysely } from '@platform/db';

/**
 * The contract with admin-gateway (its `backups.queries.ts`): backup files live
 * on this worker's volume, so each one written or pruned is recorded in the
 * audit log, and that row is how the rest of the platform knows it exists.
 */
export const BACKUP_CREATED = 'backup_created';
export const BACKUP_PRUNED = 'backup_pruned';

export interface RecordedBackup {
  deviceId: number;
  file: string;
  userCount: number;
  sizeBytes: number;
  trigger: string;
}

export async function recordBackupCreated(db: Kysely<Database>, backup: RecordedBackup): Promise<void> {
  await db
    .insertInto('attendance.device_user_audit_log')
    .values({
      device_id: backup.deviceId,
      operation_type: BACKUP_CREATED,
      device_user_id: null,
      device_user_name: null,
      performed_by: 'backup-worker',
      service_name: 'backup-worker',
      conflict_id: null,
      details: { file: backup.file, userCount: backup.userCount, sizeBytes: backup.sizeBytes, trigger: backup.trigger },
    })
    .execute();
}

export async function recordBackupsPruned(db: Kysely<Database>, deviceId: number, files: readonly string[]): Promise<void> {
  if (files.length === 0) return;
  await db
    .insertInto('attendance.device_user_audit_log')
    .values(
      files.map((file) => ({
        device_id: deviceId,
        operation_type: BACKUP_PRUNED,
        device_user_id: null,
        device_user_name: null,
        performed_by: 'backup-worker',
        service_name: 'backup-worker',
        conflict_id: null,
        details: { file },
      })),
    )
    .execute();
}
