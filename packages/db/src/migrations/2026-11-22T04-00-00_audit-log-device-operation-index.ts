import { sql, type Kysely } from 'kysely';

// device-poller reads "the latest sync_completed row of this device" on every
// poll (its attendance cursor), and admin-gateway lists backup_created rows per
// device. Without this index both scan the device's whole audit history, which
// grows by thousands of rows a day on a busy device.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('device_user_audit_log_device_operation_idx')
    .on('attendance.device_user_audit_log')
    .expression(sql`device_id, operation_type, id DESC`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX attendance.device_user_audit_log_device_operation_idx`.execute(db);
}
