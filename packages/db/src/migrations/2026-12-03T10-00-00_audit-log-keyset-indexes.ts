import { sql, type Kysely } from 'kysely';

// The device-user audit log is listed newest first, a page at a time, by
// keyset (occurred_at, id) rather than OFFSET: with a million rows an offset
// page re-reads every row before it. These indexes serve that order directly,
// unfiltered and per device (the console's two common views).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('device_user_audit_log_keyset_idx')
    .on('attendance.device_user_audit_log')
    .expression(sql`occurred_at DESC, id DESC`)
    .execute();
  await db.schema
    .createIndex('device_user_audit_log_device_keyset_idx')
    .on('attendance.device_user_audit_log')
    .expression(sql`device_id, occurred_at DESC, id DESC`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX attendance.device_user_audit_log_device_keyset_idx`.execute(db);
  await sql`DROP INDEX attendance.device_user_audit_log_keyset_idx`.execute(db);
}
