import type { Insertable, Selectable, Updateable } from 'kysely';

/** `exchange.brigades`: seed 003's example entity that daily reports point at. */
export interface BrigadeTable {
  uuid: string;
  name: string;
  foreman: string | null;
  updated_at: Date;
  is_deleted: boolean;
  /** The node whose version this is (the hub's own id for hub edits). */
  origin_node_id: string;
}
export type Brigade = Selectable<BrigadeTable>;
export type NewBrigade = Insertable<BrigadeTable>;
export type BrigadeUpdate = Updateable<BrigadeTable>;
