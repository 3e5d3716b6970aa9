import type { Kysely } from 'kysely';
import type { Database } from '@platform/db';
import {
  checkSchemaVersion,
  sha256,
  type EntityChange,
  type EntityRegistry,
  type Envelope,
  type Rejection,
  type SchemaVersionPolicy,
} from '@platform/exchange-protocol';
import { applyEntities } from './apply-entities.js';
import { recordChanges, type LogWrites } from './change-registry.js';
import { ExchangeError } from './errors.js';
import { acknowledge, nextOutgoingPacket, prepareSegments } from './outgoing.js';

export interface HubContext {
  db: Kysely<Database>;
  registry: EntityRegistry;
  hubNodeId: string;
  schemaVersion: SchemaVersionPolicy;
  /** Entities per outgoing packet (Property 23). */
  batchSize: number;
}

export interface ExchangeResult {
  reply: Envelope;
  /** `reply.body.entities` as gzipped JSON, built once per log segment and filter and shared by every node. */
  entitiesGzipped: Buffer | undefined;
  /** The incoming packet had been applied before: this request had no effect on data. */
  duplicate: boolean;
  applied: number;
  conflicts: number;
}

/**
 * One exchange with an authenticated node, in one transaction with the
 * node's row locked (two requests of one node never interleave): take its
 * acknowledgement, apply its packet once, answer with the hub's next packet.
 *
 * @example
 * const { reply } = await exchange(hub, node.id, decodeEnvelope(body));
 */
export async function exchange(hub: HubContext, nodeId: string, envelope: Envelope): Promise<ExchangeResult> {
  const { header } = envelope;
  if (header.recipient_node_id !== hub.hubNodeId) {
    throw new ExchangeError('wrong_recipient', 400, `recipient_node_id ${header.recipient_node_id} is not this hub (${hub.hubNodeId})`);
  }
  if (header.sender_node_id !== nodeId) {
    throw new ExchangeError('sender_mismatch', 403, `sender_node_id ${header.sender_node_id} does not own this token`);
  }
  checkSchemaVersion(header.schema_version, hub.schemaVersion);
  await prepareSegments(hub, nodeId, header.ack_packet_no);

  return retryOnDeadlock(() => hub.db.transaction().execute(async (trx) => {
    // NO KEY UPDATE, not UPDATE: queuing a change for another node takes a KEY
    // SHARE lock on that node's row (the foreign key), which FOR UPDATE would
    // block, and two nodes syncing at once would deadlock (seen in bench/exchange).
    const node = await trx.selectFrom('exchange.sync_nodes').selectAll().where('id', '=', nodeId).forNoKeyUpdate().executeTakeFirst();
    if (!node || node.role !== 'node') throw new ExchangeError('unknown_node', 403, `node ${nodeId} is not registered`);
    if (!node.enabled) throw new ExchangeError('node_disabled', 403, `node ${node.code} is disabled; ask an administrator`);

    const acked = await acknowledge(trx, node, header.ack_packet_no);
    let received = node.received_packet_no;
    let duplicate = false;
    let rejected: Rejection[] = [];
    let applied = 0;
    let conflicts = 0;
    let log: LogWrites = { forOthers: [], echoes: [] };
    if (header.packet_no > 0 && header.packet_no <= received) {
      // Same number, other content: not a retransmission but a node that lost
      // its state (or a forgery). Ignoring it would drop its changes silently.
      const seen = await trx
        .selectFrom('exchange.packets')
        .select('payload_sha256')
        .where('node_id', '=', nodeId)
        .where('direction', '=', 'incoming')
        .where('packet_no', '=', header.packet_no)
        .executeTakeFirst();
      if (seen && seen.payload_sha256 !== entitiesDigest(envelope.body.entities)) {
        throw new ExchangeError('packet_reused', 409, `packet ${header.packet_no} was already applied with other content; the node's numbering was reset: continue from ${received + 1}`, {
          expected: received + 1,
        });
      }
      duplicate = true;
      // The first reply may have been lost: report its rejections again.
      rejected = await rejectionsOf(hub, nodeId, header.packet_no);
    } else if (header.packet_no === received + 1) {
      const outcome = await applyEntities(trx, hub.registry, { nodeId, packetNo: header.packet_no, logCursor: acked.cursor }, envelope.body.entities);
      ({ applied, conflicts, rejected, log } = outcome);
      await trx
        .insertInto('exchange.packets')
        .values({
          node_id: nodeId,
          direction: 'incoming',
          packet_no: header.packet_no,
          status: 'applied',
          entity_count: envelope.body.entities.length,
          schema_version: header.schema_version,
          payload: null,
          payload_sha256: entitiesDigest(envelope.body.entities),
          sent_at: new Date(header.timestamp),
          acknowledged_at: new Date(),
          log_from: null,
          log_to: null,
        })
        .execute();
      received = header.packet_no;
    } else if (header.packet_no > received + 1) {
      throw new ExchangeError('packet_gap', 409, `expected packet ${received + 1}, got ${header.packet_no}; resend from ${received + 1}`, {
        expected: received + 1,
      });
    }

    // The reply is cut before this packet's changes enter the log: the log append takes the
    // advisory lock that every upload queues on, so it comes last and is held only to commit.
    const { packet, cursor } = await nextOutgoingPacket(trx, hub, node, acked);
    const now = new Date();
    await trx
      .updateTable('exchange.sync_nodes')
      .set({
        received_packet_no: received,
        sent_packet_no: acked.packetNo,
        log_cursor: cursor,
        schema_version: header.schema_version,
        updated_at: now,
        ...(received > node.received_packet_no ? { last_sync_in: now } : {}),
        ...(packet ? { last_sync_out: now } : {}),
      })
      .where('id', '=', nodeId)
      .execute();
    await recordChanges(trx, log, { nodeId, hubNodeId: hub.hubNodeId });

    const reply: Envelope = {
      header: {
        sender_node_id: hub.hubNodeId,
        recipient_node_id: nodeId,
        packet_no: packet?.packetNo ?? 0,
        ack_packet_no: received,
        schema_version: hub.schemaVersion.current,
        timestamp: now.toISOString(),
      },
      body: { entities: packet?.view.entities ?? [], ...(rejected.length > 0 ? { rejected } : {}) },
    };
    return { reply, entitiesGzipped: packet?.view.gzipped, duplicate, applied, conflicts };
  }));
}

/**
 * Two nodes writing the same entities in different orders can still deadlock
 * on entity rows; PostgreSQL aborts one transaction, which is safe to run
 * again from the start (nothing of it was committed).
 */
async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== '40P01' && code !== '40001') || attempt >= attempts) throw error;
    }
  }
}

async function rejectionsOf(hub: HubContext, nodeId: string, packetNo: number): Promise<Rejection[]> {
  const rows = await hub.db
    .selectFrom('exchange.quarantine')
    .select(['entity_type', 'entity_uuid', 'code', 'reason'])
    .where('node_id', '=', nodeId)
    .where('packet_no', '=', packetNo)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ type: r.entity_type, uuid: r.entity_uuid, code: r.code, reason: r.reason }));
}

function entitiesDigest(entities: readonly EntityChange[]): string {
  return sha256(JSON.stringify(entities));
}
