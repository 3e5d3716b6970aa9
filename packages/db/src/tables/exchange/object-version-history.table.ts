import type { Generated, Insertable, Selectable } from 'kysely';
import type { JsonObject, AppendOnly } from '../column-types.js';

export const CONFLICT_RESOLUTIONS = ['server_wins', 'latest_timestamp', 'client_wins', 'manual'] as const;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];

/** `exchange.object_version_history`: losing versions of conflicted objects (seed 003 Properties 31-34). Append-only. */
interface ObjectVersionHistoryColumns {
  id: Generated<string>;
  entity_uuid: string;
  entity_type: string;
  source_node_id: string;
  packet_no: number | null;
  arrival_time: Generated<Date>;
  serialized_data: JsonObject;
  conflict_resolution: ConflictResolution;
}
// Every column is insert-only: an UPDATE does not compile (and the table's triggers reject it at run time).
export type ObjectVersionHistoryTable = AppendOnly<ObjectVersionHistoryColumns>;
export type ObjectVersionHistory = Selectable<ObjectVersionHistoryTable>;
export type NewObjectVersionHistory = Insertable<ObjectVersionHistoryTable>;
