import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { JsonObject, AppendOnly } from '../column-types.js';

/** `attendance.device_user_audit_log`: every device-user operation (seed 000 Property 4). Append-only. */
interface DeviceUserAuditLogColumns {
  id: GeneratedAlways<number>;
  /** NULL for operations that concern no single device. */
  device_id: number | null;
  /** e.g. `user_discovered`, `user_buffered`, `user_deleted`, `conflict_resolved`. */
  operation_type: string;
  device_user_id: string | null;
  device_user_name: string | null;
  performed_by: string;
  service_name: string | null;
  conflict_id: number | null;
  details: JsonObject | null;
  occurred_at: Generated<Date>;
  created_at: Generated<Date>;
}
// Every column is insert-only: an UPDATE does not compile (and the table's triggers reject it at run time).
export type DeviceUserAuditLogTable = AppendOnly<DeviceUserAuditLogColumns>;
export type DeviceUserAuditLog = Selectable<DeviceUserAuditLogTable>;
export type NewDeviceUserAuditLog = Insertable<DeviceUserAuditLogTable>;
