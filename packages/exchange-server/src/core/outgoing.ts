import type { Transaction } from 'kysely';
import type { Database, SyncNode } from '@platform/db';
import { ExchangeError } from './errors.js';
import type { HubContext } from './hub.js';
import { cacheOf, loadSegment, segmentAt, viewFor, type NodeView } from './log-segments.js';

export interface Acknowledged {
  /** The node's highest acknowledged outgoing packet. */
  packetNo: number;
  /** Its log cursor after that acknowledgement. */
  cursor: number;
}

/**
 * Applies a node's acknowledgement: packets up to `ack` are done and the node's cursor moves to
 * the end of the log range the last of them covered; nothing up to it is sent again (Property 24).
 * An ack of a packet never sent is refused; an older ack than the last is harmless.
 */
export async function acknowledge(trx: Transaction<Database>, node: SyncNode, ack: number): Promise<Acknowledged> {
  if (ack <= node.sent_packet_no) return { packetNo: node.sent_packet_no, cursor: node.log_cursor };
  const packet = await trx
    .selectFrom('exchange.packets')
    .select(['packet_no', 'log_to'])
    .where('node_id', '=', node.id)
    .where('direction', '=', 'outgoing')
    .where('packet_no', '=', ack)
    .executeTakeFirst();
  if (!packet) {
    throw new ExchangeError('invalid_ack', 409, `ack_packet_no ${ack} names a packet the hub never sent (last acknowledged: ${node.sent_packet_no})`, {
      last: node.sent_packet_no,
    });
  }
  await trx
    .updateTable('exchange.packets')
    .set({ status: 'acknowledged', acknowledged_at: new Date() })
    .where('node_id', '=', node.id)
    .where('direction', '=', 'outgoing')
    .where('packet_no', '<=', ack)
    .where('status', '!=', 'acknowledged')
    .execute();
  return { packetNo: ack, cursor: Math.max(node.log_cursor, packet.log_to ?? 0) };
}

export interface OutgoingPacket {
  packetNo: number;
  view: NodeView;
}

export interface NextPacket {
  packet: OutgoingPacket | undefined;
  /** The node's cursor after skipping segments with nothing for it. */
  cursor: number;
}

/**
 * Cuts (or finds) the log segments the node's next packet will come from, before its exchange
 * transaction opens: from its cursor after `ack`, stepping over segments with nothing for it.
 * Each cut commits on its own, so every node and every resend sees the same bytes.
 */
export async function prepareSegments(hub: HubContext, nodeId: string, ack: number): Promise<void> {
  const node = await hub.db.selectFrom('exchange.sync_nodes').select(['log_cursor', 'sent_packet_no']).where('id', '=', nodeId).executeTakeFirst();
  if (!node) return;
  const acked = Math.max(ack, node.sent_packet_no);
  const packets = await hub.db
    .selectFrom('exchange.packets')
    .select(['packet_no', 'log_to'])
    .where('node_id', '=', nodeId)
    .where('direction', '=', 'outgoing')
    .where('packet_no', '>=', acked)
    .orderBy('packet_no')
    .execute();
  // A packet after the acknowledged one is still in flight: it is resent, nothing new is cut.
  if (packets.some((p) => p.packet_no > acked)) return;
  let cursor = Math.max(node.log_cursor, packets.find((p) => p.packet_no === acked)?.log_to ?? 0);
  for (;;) {
    const segment = await segmentAt(hub.db, hub.registry, cacheOf(hub), cursor, hub.batchSize);
    if (!segment || viewFor(segment, nodeId).entities.length > 0) return;
    cursor = segment.end;
  }
}

/**
 * The packet the node should get now: the unacknowledged one again (same number, same segment,
 * so the same entities: Properties 6, 7), or else the node's view of the next log segment after
 * its cursor (Property 23). Segments with nothing for this node (its own uploads) are stepped over
 * by moving its cursor, which is safe because no packet is in flight then.
 */
export async function nextOutgoingPacket(trx: Transaction<Database>, hub: HubContext, node: SyncNode, acked: Acknowledged): Promise<NextPacket> {
  const cache = cacheOf(hub);
  const retained = await trx
    .selectFrom('exchange.packets')
    .select(['packet_no', 'log_from'])
    .where('node_id', '=', node.id)
    .where('direction', '=', 'outgoing')
    .where('packet_no', '>', acked.packetNo)
    .orderBy('packet_no')
    .limit(1)
    .executeTakeFirst();
  if (retained) {
    const segment = await loadSegment(hub.db, cache, retained.log_from ?? 0);
    if (!segment) throw new Error(`outgoing packet ${retained.packet_no} of node ${node.code} names segment ${retained.log_from}, which is gone`);
    await trx
      .updateTable('exchange.packets')
      .set({ sent_at: new Date(), status: 'sent' })
      .where('node_id', '=', node.id)
      .where('direction', '=', 'outgoing')
      .where('packet_no', '=', retained.packet_no)
      .execute();
    return { packet: { packetNo: retained.packet_no, view: viewFor(segment, node.id) }, cursor: acked.cursor };
  }
  for (let cursor = acked.cursor; ; ) {
    // Only what prepareSegments cut: cutting here would need a second pooled connection while
    // this transaction holds one, and with as many syncing nodes as connections the pool
    // deadlocks (seen at 100 nodes on a pool of 12). A segment not ready is sent next time.
    const segment = await loadSegment(trx, cache, cursor);
    if (!segment) return { packet: undefined, cursor };
    const view = viewFor(segment, node.id);
    if (view.entities.length === 0) {
      cursor = segment.end;
      continue;
    }
    const packetNo = acked.packetNo + 1;
    await trx
      .insertInto('exchange.packets')
      .values({
        node_id: node.id,
        direction: 'outgoing',
        packet_no: packetNo,
        status: 'sent',
        entity_count: view.entities.length,
        schema_version: hub.schemaVersion.current,
        payload: null,
        payload_sha256: view.sha256,
        sent_at: new Date(),
        acknowledged_at: null,
        log_from: segment.start,
        log_to: segment.end,
      })
      .execute();
    return { packet: { packetNo, view }, cursor };
  }
}
