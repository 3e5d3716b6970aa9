import type { Generated, Insertable, Selectable } from 'kysely';
import type { JsonText } from '../column-types.js';

/**
 * `sellers.sync_batches`: the idempotency key of every batch a sync run committed, with the
 * batch's result. A batch retried after its COMMIT reply was lost finds its key and is not applied twice.
 */
export interface SyncBatchTable {
  audit_log_id: string;
  /** Identifies the batch within its run (its position and content). */
  batch_key: string;
  /** What applying the batch returned, replayed to a retry. */
  result: JsonText<unknown>;
  committed_at: Generated<Date>;
}
export type SyncBatch = Selectable<SyncBatchTable>;
export type NewSyncBatch = Insertable<SyncBatchTable>;
