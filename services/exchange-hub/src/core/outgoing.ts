import { gunzipSync, gzipSync } from 'node:zlib';
import { sql, type Transaction } from 'kysely';
import type { Database, SyncNode } from '@platform/db';
import { sha256, type EntityChange, type EntityRegistry, type Operation } from '@platform/exchange-protocol';
import { readEntities } from './entity-store.js';
import { ExchangeError } from './errors.js';

/**
 * Applies a node's acknowledgement: packets up to `ack` are done, their
 * changes leave the queue and are never sent again (Property 24). An ack of
 * a packet never sent is refused; an older ack than the last is harmless.
 */
export async function acknowledge(trx: Transaction<Database>, node: SyncNode, ack: number): Promise<number> {
  if (ack <= node.sent_packet_no) return node.sent_packet_no;
  const last = await lastOutgoingNo(trx, node.id);
  if (ack > last) {
    throw new ExchangeError('invalid_ack', 409, `ack_packet_no ${ack} names a packet the hub never sent (last sent: ${last})`, { last });
  }
  await trx
    .updateTable('exchange.packets')
    .set({ status: 'acknowledged', acknowledged_at: new Date(), payload: null })
    .where('node_id', '=', node.id)
    .where('direction', '=', 'outgoing')
    .where('packet_no', '<=', ack)
    .where('status', '!=', 'acknowledged')
    .execute();
  await trx.deleteFrom('exchange.sync_changes').where('node_id', '=', node.id).where('packet_no', '<=', ack).execute();
  return ack;
}

async function lastOutgoingNo(trx: Transaction<Database>, nodeId: string): Promise<number> {
  const row = await trx
    .selectFrom('exchange.packets')
    .select((eb) => eb.fn.max<number>('packet_no').as('last'))
    .where('node_id', '=', nodeId)
    .where('direction', '=', 'outgoing')
    .executeTakeFirst();
  return row?.last ?? 0;
}

export interface OutgoingPacket {
  packetNo: number;
  entities: EntityChange[];
}

/**
 * The packet the node should get now: the oldest unacknowledged one, resent
 * with the same number and entities (Properties 6, 7), or else a new one of
 * at most `batchSize` entities from its queue (Property 23), or none.
 */
export async function nextOutgoingPacket(
  trx: Transaction<Database>,
  registry: EntityRegistry,
  node: SyncNode,
  ackedNo: number,
  options: { batchSize: number; schemaVersion: string },
): Promise<OutgoingPacket | undefined> {
  const retained = await trx
    .selectFrom('exchange.packets')
    .select(['packet_no', 'payload'])
    .where('node_id', '=', node.id)
    .where('direction', '=', 'outgoing')
    .where('packet_no', '>', ackedNo)
    .orderBy('packet_no')
    .limit(1)
    .executeTakeFirst();
  if (retained?.payload) {
    await trx
      .updateTable('exchange.packets')
      .set({ sent_at: new Date(), status: 'sent' })
      .where('node_id', '=', node.id)
      .where('direction', '=', 'outgoing')
      .where('packet_no', '=', retained.packet_no)
      .execute();
    return { packetNo: retained.packet_no, entities: JSON.parse(gunzipSync(retained.payload).toString('utf8')) as EntityChange[] };
  }
  return buildPacket(trx, registry, node, options);
}

/** Takes the next batch of queued changes into a new numbered packet, stored until acknowledged. */
export async function buildPacket(
  trx: Transaction<Database>,
  registry: EntityRegistry,
  node: SyncNode,
  options: { batchSize: number; schemaVersion: string },
): Promise<OutgoingPacket | undefined> {
  // One entry per entity, in the order of its first queued change, so a
  // referenced entity always precedes the ones pointing at it.
  const batch = await sql<{ entity_type: string; entity_uuid: string }>`
    SELECT entity_type, entity_uuid FROM exchange.sync_changes
    WHERE node_id = ${node.id} AND packet_no IS NULL
    GROUP BY entity_type, entity_uuid ORDER BY min(id) LIMIT ${options.batchSize}`.execute(trx);
  if (batch.rows.length === 0) return undefined;
  const packetNo = (await lastOutgoingNo(trx, node.id)) + 1;
  const taken = await sql<{ entity_uuid: string; operation: Operation; id: number }>`
    UPDATE exchange.sync_changes SET packet_no = ${packetNo}
    WHERE node_id = ${node.id} AND packet_no IS NULL AND entity_uuid = ANY(${batch.rows.map((r) => r.entity_uuid)}::uuid[])
    RETURNING entity_uuid, operation, id`.execute(trx);
  const lastOperation = new Map<string, Operation>();
  for (const row of [...taken.rows].sort((a, b) => Number(a.id) - Number(b.id))) {
    lastOperation.set(row.entity_uuid, row.operation);
  }
  const byType = new Map<string, string[]>();
  for (const row of batch.rows) byType.set(row.entity_type, [...(byType.get(row.entity_type) ?? []), row.entity_uuid]);
  const stored = new Map<string, EntityChange>();
  for (const [type, uuids] of byType) {
    if (!registry.has(type)) continue;
    for (const entity of await readEntities(trx, registry.get(type), uuids)) {
      const operation: Operation = entity.data.is_deleted ? 'DELETE' : lastOperation.get(entity.uuid) === 'INSERT' ? 'INSERT' : 'UPDATE';
      stored.set(entity.uuid, { type, uuid: entity.uuid, operation, data: entity.data });
    }
  }
  const entities = batch.rows.flatMap((r) => stored.get(r.entity_uuid) ?? []);
  // Level 1: this copy is for retransmission only; the reply itself is gzipped at the default level.
  const payload = gzipSync(JSON.stringify(entities), { level: 1 });
  await trx
    .insertInto('exchange.packets')
    .values({
      node_id: node.id,
      direction: 'outgoing',
      packet_no: packetNo,
      status: 'sent',
      entity_count: entities.length,
      schema_version: options.schemaVersion,
      payload,
      payload_sha256: sha256(payload),
      sent_at: new Date(),
      acknowledged_at: null,
    })
    .execute();
  return { packetNo, entities };
}
