import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { TriggerSource } from '../sellers/sync-audit-logs.table.js';

export const METER_SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type MeterSyncRunStatus = (typeof METER_SYNC_RUN_STATUSES)[number];

type Json = ColumnType<unknown, string, string>;

/** `metering.sync_runs`: one meter-sync run of one tenant (history, counts, progress). */
export interface MeteringSyncRunTable {
  id: Generated<string>;
  tenant_id: number;
  trigger: TriggerSource;
  status: MeterSyncRunStatus;
  job_id: string | null;
  /** `{ phase, entity, done, total }` while running. */
  progress: Json | null;
  /** meter-sync's SyncResult (per-entity counts, skipped keys, verification). */
  result: Json | null;
  error: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
}
export type MeteringSyncRun = Selectable<MeteringSyncRunTable>;
export type NewMeteringSyncRun = Insertable<MeteringSyncRunTable>;
export type MeteringSyncRunUpdate = Updateable<MeteringSyncRunTable>;
