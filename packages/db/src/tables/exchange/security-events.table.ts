import type { Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { JsonObject, AppendOnly } from '../column-types.js';

/** `exchange.security_events`: rejected authentication and similar (seed 003 Property 28). Append-only. */
interface SecurityEventColumns {
  id: GeneratedAlways<number>;
  /** e.g. `auth_failed`, `schema_mismatch`. */
  event_type: string;
  node_id: string | null;
  /** What the caller claimed to be; may match no node. */
  claimed_node: string | null;
  remote_addr: string | null;
  details: JsonObject | null;
  occurred_at: Generated<Date>;
}
// Every column is insert-only: an UPDATE does not compile (and the table's triggers reject it at run time).
export type SecurityEventTable = AppendOnly<SecurityEventColumns>;
export type SecurityEvent = Selectable<SecurityEventTable>;
export type NewSecurityEvent = Insertable<SecurityEventTable>;
