import type { Database, NewDeviceUserAuditLog, Transaction, Kysely } from '@platform/db';

export const SERVICE_NAME = 'device-poller';

/** Appends audit rows in one multi-row INSERT (nothing for an empty list). */
export async function appendAudit(db: Kysely<Database> | Transaction<Database>, rows: readonly NewDeviceUserAuditLog[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('attendance.device_user_audit_log').values([...rows]).execute();
}

export interface AuditFilters {
  deviceId?: number;
  deviceUserId?: string;
  operationType?: string;
  /** Inclusive lower bound on occurred_at. */
  from?: Date;
  /** Exclusive upper bound on occurred_at. */
  to?: Date;
}

/** Audit rows matching every given filter (Property 14), oldest first. */
export async function queryAuditLog(db: Kysely<Database>, f: AuditFilters) {
  let q = db.selectFrom('attendance.device_user_audit_log').selectAll();
  if (f.deviceId !== undefined) q = q.where('device_id', '=', f.deviceId);
  if (f.deviceUserId !== undefined) q = q.where('device_user_id', '=', f.deviceUserId);
  if (f.operationType !== undefined) q = q.where('operation_type', '=', f.operationType);
  if (f.from !== undefined) q = q.where('occurred_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('occurred_at', '<', f.to);
  return q.orderBy('occurred_at').orderBy('id').execute();
}
