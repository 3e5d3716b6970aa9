import type { Database, NewDeviceUserAuditLog, Transaction, Kysely } from '@platform/db';

export const SERVICE_NAME = 'device-poller';

/** Appends audit rows in one multi-row INSERT (nothing for an empty list). */
export async function appendAudit(db: Kysely<Database> | Transaction<Database>, rows: readonly NewDeviceUserAuditLog[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('attendance.device_user_audit_log').values([...rows]).execute();
}
