import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { JsonObject, AppendOnly } from '../column-types.js';

export const ADMIN_OUTCOMES = ['accepted', 'succeeded', 'failed', 'rejected'] as const;
export type AdminOutcome = (typeof ADMIN_OUTCOMES)[number];

/** `platform.admin_audit_log`: every admin API action. Append-only. */
interface AdminAuditLogColumns {
  id: GeneratedAlways<number>;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AdminOutcome;
  request_id: string | null;
  details: JsonObject | null;
  created_at: Generated<Date>;
}
// Every column is insert-only: an UPDATE does not compile (and the table's triggers reject it at run time).
export type AdminAuditLogTable = AppendOnly<AdminAuditLogColumns>;
export type AdminAuditLog = Selectable<AdminAuditLogTable>;
export type NewAdminAuditLog = Insertable<AdminAuditLogTable>;
