import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { JsonObject } from '../column-types.js';

/** `sellers.sync_metrics`: phase timings, throughput and error counts, one row per run. */
export interface SyncMetricTable {
  id: Generated<string>;
  audit_log_id: string;
  execution_time: JsonObject;
  throughput: JsonObject;
  errors: JsonObject;
  created_at: Generated<Date>;
}
export type SyncMetric = Selectable<SyncMetricTable>;
export type NewSyncMetric = Insertable<SyncMetricTable>;
export type SyncMetricUpdate = Updateable<SyncMetricTable>;
