import type { Generated, Insertable, Selectable } from 'kysely';
import type { AppendOnly } from '../column-types.js';

export const RECORD_OPERATIONS = ['create', 'update', 'skip'] as const;
export type RecordOperation = (typeof RECORD_OPERATIONS)[number];

export const RECORD_RESULTS = ['success', 'failure'] as const;
export type RecordResult = (typeof RECORD_RESULTS)[number];

/** `sellers.sync_record_logs`: what a run did to each seller. Append-only. */
interface SyncRecordLogColumns {
  id: Generated<string>;
  audit_log_id: string;
  seller_number: string;
  operation: RecordOperation;
  result: RecordResult;
  error_message: string | null;
  /** Sellers this row stands for: 1, or the count of a run's one summary row for unchanged sellers. */
  seller_count: Generated<number>;
  /** The summary row's seller numbers (NULL on a per-seller row). */
  seller_numbers: string[] | null;
  occurred_at: Date;
  created_at: Generated<Date>;
}
// Every column is insert-only: an UPDATE does not compile (and the table's triggers reject it at run time).
export type SyncRecordLogTable = AppendOnly<SyncRecordLogColumns>;
export type SyncRecordLog = Selectable<SyncRecordLogTable>;
export type NewSyncRecordLog = Insertable<SyncRecordLogTable>;
