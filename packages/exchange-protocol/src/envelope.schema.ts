import { z } from 'zod';

export const OPERATIONS = ['INSERT', 'UPDATE', 'DELETE'] as const;
export type Operation = (typeof OPERATIONS)[number];

const uuid = z.uuid().transform((v) => v.toLowerCase());
const packetNo = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * The spec's message header, field for field. `packet_no` 0 means "no data
 * packet in this message" (a pure poll or acknowledgement); data packets are
 * numbered from 1 per sender and recipient.
 */
export const headerSchema = z.strictObject({
  sender_node_id: uuid,
  recipient_node_id: uuid,
  packet_no: packetNo,
  /** The highest packet number from the recipient that the sender has applied. */
  ack_packet_no: packetNo,
  schema_version: z.string().min(1).max(50),
  /** UTC, e.g. `2025-12-12T10:30:00Z`. */
  timestamp: z.iso.datetime(),
});

export const entityChangeSchema = z.strictObject({
  type: z.string().min(1).max(100),
  uuid,
  operation: z.enum(OPERATIONS),
  /** The entity's whole state; the registry of its type validates it. */
  data: z.record(z.string(), z.unknown()),
});

/** A change the receiver refused and quarantined (hub replies only; not in the spec's example). */
export const rejectionSchema = z.strictObject({
  type: z.string(),
  uuid,
  code: z.string(),
  reason: z.string(),
});

export const envelopeSchema = z.strictObject({
  header: headerSchema,
  body: z.strictObject({
    entities: z.array(entityChangeSchema),
    rejected: z.array(rejectionSchema).optional(),
  }),
});

export type Header = z.infer<typeof headerSchema>;
export type EntityChange = z.infer<typeof entityChangeSchema>;
export type Rejection = z.infer<typeof rejectionSchema>;
export type Envelope = z.infer<typeof envelopeSchema>;
