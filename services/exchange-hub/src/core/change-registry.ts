import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '@platform/db';
import type { Operation } from '@platform/exchange-protocol';

type Db = Kysely<Database> | Transaction<Database>;

export interface ChangeKey {
  type: string;
  uuid: string;
  operation: Operation;
}

/**
 * Queues `changes` for every enabled desktop node except `exclude` (the node
 * they came from), in one statement (Property 4). Order of `changes` is kept
 * in the identity sequence, so a referenced entity is sent before its referrer.
 *
 * @example
 * await registerChanges(trx, [{ type: 'Brigade', uuid, operation: 'INSERT' }], { exclude: nodeId });
 */
export async function registerChanges(db: Db, changes: readonly ChangeKey[], target: { exclude?: string; only?: string }): Promise<void> {
  if (changes.length === 0) return;
  await sql`
    INSERT INTO exchange.sync_changes (node_id, entity_type, entity_uuid, operation)
    SELECT n.id, c.type, c.uuid, c.op
    FROM unnest(${changes.map((c) => c.type)}::text[], ${changes.map((c) => c.uuid)}::uuid[], ${changes.map((c) => c.operation)}::text[])
      WITH ORDINALITY AS c(type, uuid, op, ord)
    CROSS JOIN exchange.sync_nodes n
    WHERE n.role = 'node' AND n.enabled
      AND (${target.exclude ?? null}::uuid IS NULL OR n.id <> ${target.exclude ?? null}::uuid)
      AND (${target.only ?? null}::uuid IS NULL OR n.id = ${target.only ?? null}::uuid)
    ORDER BY c.ord, n.id`.execute(db);
}

/**
 * True when the hub holds a version of the entity that `nodeId` has not yet
 * acknowledged: a change queued for it and either unsent or in a packet after
 * its last acknowledgement (the 1C exchange-plan rule for a conflict).
 */
export async function hasUnacknowledgedChange(db: Db, nodeId: string, uuid: string, ackedPacketNo: number): Promise<boolean> {
  const row = await db
    .selectFrom('exchange.sync_changes')
    .select(sql<number>`1`.as('one'))
    .where('node_id', '=', nodeId)
    .where('entity_uuid', '=', uuid)
    .where((eb) => eb.or([eb('packet_no', 'is', null), eb('packet_no', '>', ackedPacketNo)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
