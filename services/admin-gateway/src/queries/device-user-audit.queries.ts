import type { Database, DeviceUserAuditLog, Kysely, NewDeviceUserAuditLog, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

/** Every row this service writes names itself, so the log tells admin actions from sync. */
export const SERVICE_NAME = 'admin-gateway';

export async function logDeviceUserOperation(db: Db, row: Omit<NewDeviceUserAuditLog, 'service_name'>): Promise<void> {
  await db.insertInto('attendance.device_user_audit_log').values({ ...row, service_name: SERVICE_NAME }).execute();
}

export interface AuditFilter {
  deviceId?: number;
  deviceUserId?: string;
  operationType?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Seed 000 Requirement 5.5: by device user, date range (on `occurred_at`) and operation type. */
export async function queryDeviceUserAudit(db: Db, f: AuditFilter): Promise<{ rows: DeviceUserAuditLog[]; total: number }> {
  let query = db.selectFrom('attendance.device_user_audit_log');
  if (f.deviceId !== undefined) query = query.where('device_id', '=', f.deviceId);
  if (f.deviceUserId !== undefined) query = query.where('device_user_id', '=', f.deviceUserId);
  if (f.operationType !== undefined) query = query.where('operation_type', '=', f.operationType);
  if (f.from) query = query.where('occurred_at', '>=', f.from);
  if (f.to) query = query.where('occurred_at', '<', f.to);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
