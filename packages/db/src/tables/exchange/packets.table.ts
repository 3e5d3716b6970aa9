import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export const PACKET_DIRECTIONS = ['outgoing', 'incoming'] as const;
export type PacketDirection = (typeof PACKET_DIRECTIONS)[number];

export const PACKET_STATUSES = ['pending', 'sent', 'acknowledged', 'applied', 'rejected'] as const;
export type PacketStatus = (typeof PACKET_STATUSES)[number];

/** `exchange.packets`: numbered packets per `(node_id, direction)`; an incoming row is the idempotency record of its application. */
export interface PacketTable {
  node_id: string;
  direction: PacketDirection;
  packet_no: number;
  status: PacketStatus;
  entity_count: number;
  schema_version: string;
  /** Gzipped envelope; may be cleared after acknowledgement. */
  payload: Buffer | null;
  payload_sha256: string;
  created_at: Generated<Date>;
  sent_at: Date | null;
  acknowledged_at: Date | null;
  /** Outgoing: the log segment `(log_from, log_to]` this packet is the node's view of. */
  log_from: number | null;
  log_to: number | null;
}
export type Packet = Selectable<PacketTable>;
export type NewPacket = Insertable<PacketTable>;
export type PacketUpdate = Updateable<PacketTable>;
