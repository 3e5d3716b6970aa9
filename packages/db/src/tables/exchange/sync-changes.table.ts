import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

export const CHANGE_OPERATIONS = ['INSERT', 'UPDATE', 'DELETE'] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];

/** `exchange.sync_changes`: change queue per target node; `packet_no` is NULL until sent. */
export interface SyncChangeTable {
  id: GeneratedAlways<number>;
  node_id: string;
  entity_type: string;
  entity_uuid: string;
  operation: ChangeOperation;
  packet_no: number | null;
  created_at: Generated<Date>;
}
export type SyncChange = Selectable<SyncChangeTable>;
export type NewSyncChange = Insertable<SyncChangeTable>;
export type SyncChangeUpdate = Updateable<SyncChangeTable>;
