import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { JsonObject, AppendOnly } from '../column-types.js';
import type { ConflictResolution } from './object-version-history.table.js';

export const CONFLICT_WINNERS = ['server', 'client'] as const;
export type ConflictWinner = (typeof CONFLICT_WINNERS)[number];

/** `exchange.audit_log`: every conflict resolution decision (seed 003 Property 12). Append-only. */
interface ExchangeAuditLogColumns {
  id: GeneratedAlways<number>;
  entity_type: string;
  entity_uuid: string;
  node_id: string;
  resolution: ConflictResolution;
  winner: ConflictWinner;
  version_id: string | null;
  details: JsonObject | null;
  created_at: Generated<Date>;
}
// Every column is insert-only: an UPDATE does not compile (and the table's triggers reject it at run time).
export type ExchangeAuditLogTable = AppendOnly<ExchangeAuditLogColumns>;
export type ExchangeAuditLog = Selectable<ExchangeAuditLogTable>;
export type NewExchangeAuditLog = Insertable<ExchangeAuditLogTable>;
