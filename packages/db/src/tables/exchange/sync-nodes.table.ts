import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export const NODE_ROLES = ['hub', 'node'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

/** `exchange.sync_nodes`: the hub and its desktop nodes, with packet counters. Disabled, never deleted. */
export interface SyncNodeTable {
  id: Generated<string>;
  code: string;
  name: string;
  role: Generated<NodeRole>;
  enabled: Generated<boolean>;
  /** Hash of the node's token, never the token. */
  token_hash: string | null;
  schema_version: string | null;
  last_sync_in: Date | null;
  last_sync_out: Date | null;
  received_packet_no: Generated<number>;
  sent_packet_no: Generated<number>;
  /** The last `change_log` position the node acknowledged. */
  log_cursor: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type SyncNode = Selectable<SyncNodeTable>;
export type NewSyncNode = Insertable<SyncNodeTable>;
export type SyncNodeUpdate = Updateable<SyncNodeTable>;
