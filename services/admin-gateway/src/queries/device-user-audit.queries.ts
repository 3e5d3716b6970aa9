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
  /** Keyset: the id of the last row of the previous page; the next page starts strictly after it. */
  after?: number;
  limit: number;
}

/**
 * Seed 000 Requirement 5.5: by device user, date range (on `occurred_at`) and
 * operation type, newest first. Keyset-paged on (occurred_at, id): a page at
 * any depth reads only its own rows, rows inserted meanwhile never shift a
 * later page, and nothing counts the table. The cursor is a row id; its
 * (occurred_at, id) is looked up in the statement (the table is append-only,
 * so the row a cursor names always exists), which keeps the microsecond
 * precision of `occurred_at` that a JS Date would lose.
 */
export async function queryDeviceUserAudit(db: Db, f: AuditFilter): Promise<{ rows: DeviceUserAuditLog[]; nextCursor: number | null }> {
  let query = db.selectFrom('attendance.device_user_audit_log as a').selectAll('a');
  if (f.deviceId !== undefined) query = query.where('a.device_id', '=', f.deviceId);
  if (f.deviceUserId !== undefined) query = query.where('a.device_user_id', '=', f.deviceUserId);
  if (f.operationType !== undefined) query = query.where('a.operation_type', '=', f.operationType);
  if (f.from) query = query.where('a.occurred_at', '>=', f.from);
  if (f.to) query = query.where('a.occurred_at', '<', f.to);
  if (f.after !== undefined) {
    const after = f.after;
    query = query.where(({ eb, refTuple, selectFrom }) =>
      eb(refTuple('a.occurred_at', 'a.id'), '<', selectFrom('attendance.device_user_audit_log as c').select(['c.occurred_at', 'c.id']).where('c.id', '=', after).$asTuple('occurred_at', 'id')),
    );
  }
  const rows = await query.orderBy('a.occurred_at', 'desc').orderBy('a.id', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  return { rows: page, nextCursor: rows.length > f.limit ? page.at(-1)!.id : null };
}
