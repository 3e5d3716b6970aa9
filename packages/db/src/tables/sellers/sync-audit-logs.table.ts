import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { JsonObject } from '../column-types.js';

export const TRIGGER_SOURCES = ['scheduled', 'manual'] as const;
export type TriggerSource = (typeof TRIGGER_SOURCES)[number];

export const SYNC_RUN_STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** `sellers.sync_audit_logs`: one row per sync run, completed in place when the run ends. */
export interface SyncAuditLogTable {
  id: Generated<string>;
  start_time: Date;
  end_time: Date | null;
  trigger_source: TriggerSource;
  status: SyncRunStatus;
  success_count: Generated<number>;
  failure_count: Generated<number>;
  verification_result: JsonObject | null;
  /** Admin who triggered a manual run; NULL for scheduled runs. */
  requested_by: string | null;
  /** `{ phase, total, processed, success, errors }`, updated between batches while running. */
  progress: JsonObject | null;
  /** Completion summary: created, updated, unchanged, invalid, conflicts, recoveries. */
  summary: JsonObject | null;
  /** Set by admin-gateway; the worker stops at the next batch boundary. */
  cancel_requested_at: Date | null;
  cancel_requested_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type SyncAuditLog = Selectable<SyncAuditLogTable>;
export type NewSyncAuditLog = Insertable<SyncAuditLogTable>;
export type SyncAuditLogUpdate = Updateable<SyncAuditLogTable>;
