import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type { JsonObject } from '../column-types.js';
import type { ChangeOperation } from './change-log.table.js';

/** `exchange.quarantine`: changes the hub refused, with the reason; they never block the changes behind them. */
export interface QuarantineTable {
  id: GeneratedAlways<number>;
  node_id: string;
  packet_no: number;
  entity_type: string;
  entity_uuid: string;
  operation: ChangeOperation;
  data: JsonObject;
  /** e.g. `invalid_entity`, `missing_reference`, `unknown_entity_type`. */
  code: string;
  reason: string;
  created_at: Generated<Date>;
  resolved_at: Date | null;
}
export type QuarantinedChange = Selectable<QuarantineTable>;
export type NewQuarantinedChange = Insertable<QuarantineTable>;
export type QuarantinedChangeUpdate = Updateable<QuarantineTable>;
