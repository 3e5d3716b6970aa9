import type { Generated, Insertable, Selectable } from 'kysely';
import type { AppendOnly } from '../column-types.js';

export const SYNC_ERROR_TYPES = ['network', 'validation', 'database', 'unknown'] as const;
export type SyncErrorType = (typeof SYNC_ERROR_TYPES)[number];

/** `sellers.sync_error_logs`: sync errors by type. Append-only. */
interface SyncErrorLogColumns {
  id: Generated<string>;
  audit_log_id: string | null;
  seller_number: string | null;
  error_message: string;
  stack_trace: string | null;
  error_type: SyncErrorType;
  occurred_at: Date;
  created_at: Generated<Date>;
}
// Every column is insert-only: an UPDATE does not compile (and the table's triggers reject it at run time).
export type SyncErrorLogTable = AppendOnly<SyncErrorLogColumns>;
export type SyncErrorLog = Selectable<SyncErrorLogTable>;
export type NewSyncErrorLog = Insertable<SyncErrorLogTable>;
