import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';

export const CHANGE_OPERATIONS = ['INSERT', 'UPDATE', 'DELETE'] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];

/**
 * `exchange.change_log`: every change on the hub, once, in commit order. A node gets the rows
 * after its `sync_nodes.log_cursor` that are targeted at it, or untargeted and not its own.
 */
export interface ChangeLogTable {
  position: GeneratedAlways<number>;
  entity_type: string;
  entity_uuid: string;
  operation: ChangeOperation;
  origin_node_id: string;
  target_node_id: string | null;
  created_at: Generated<Date>;
}
export type ChangeLogEntry = Selectable<ChangeLogTable>;
export type NewChangeLogEntry = Insertable<ChangeLogTable>;

/** `exchange.log_segments`: an immutable, gzipped cut `(start_position, end_position]` of the log, shared by all nodes. */
export interface LogSegmentTable {
  start_position: number;
  end_position: number;
  entity_count: number;
  payload: Buffer;
  created_at: Generated<Date>;
}
export type LogSegment = Selectable<LogSegmentTable>;
