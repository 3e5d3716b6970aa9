import { sql } from 'kysely';
import { retentionFloor, type Database, type Kysely, type QuarantinedChange, type SyncNode, type Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

export type NodeStatusRow = SyncNode & { pending_changes: number; quarantined: number; holds_retention: boolean };

/**
 * Desktop nodes (not the hub's own row) with their exchange status. `pending_changes` counts
 * the entities the change log holds for the node after its cursor (the last position it
 * acknowledged): what has not reached it yet.
 */
export async function listNodes(db: Db, only?: { id: string }): Promise<NodeStatusRow[]> {
  let query = db
    .selectFrom('exchange.sync_nodes as n')
    .selectAll('n')
    .select([
      sql<string>`(SELECT count(DISTINCT l.entity_uuid) FROM exchange.change_log l WHERE l.position > n.log_cursor
        AND (l.target_node_id = n.id OR (l.target_node_id IS NULL AND l.origin_node_id <> n.id)))`.as('pending_changes'),
      sql<string>`(SELECT count(*) FROM exchange.quarantine q WHERE q.node_id = n.id AND q.resolved_at IS NULL)`.as('quarantined'),
    ])
    .where('n.role', '=', 'node');
  if (only) query = query.where('n.id', '=', only.id);
  const [rows, floor] = await Promise.all([query.orderBy('n.code').execute(), retentionFloor(db)]);
  return rows.map((r) => ({ ...r, pending_changes: Number(r.pending_changes), quarantined: Number(r.quarantined), holds_retention: floor.heldBy?.id === r.id }));
}

/** One desktop node, locked for an enable/disable (the hub's own row is not one). */
export function lockNode(trx: Transaction<Database>, id: string): Promise<SyncNode | undefined> {
  return trx.selectFrom('exchange.sync_nodes').selectAll().where('id', '=', id).where('role', '=', 'node').forUpdate().executeTakeFirst();
}

export async function setNodeEnabled(trx: Transaction<Database>, id: string, enabled: boolean): Promise<void> {
  await trx.updateTable('exchange.sync_nodes').set({ enabled, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export type QuarantineRow = QuarantinedChange & { node_code: string };

/** Changes the hub refused, newest first; `id` breaks ties so pages never overlap. */
export async function listQuarantine(
  db: Db,
  f: { nodeId?: string; resolved?: boolean; limit: number; offset: number },
): Promise<{ rows: QuarantineRow[]; total: number }> {
  let query = db.selectFrom('exchange.quarantine as q').innerJoin('exchange.sync_nodes as n', 'n.id', 'q.node_id');
  if (f.nodeId !== undefined) query = query.where('q.node_id', '=', f.nodeId);
  if (f.resolved !== undefined) query = query.where('q.resolved_at', f.resolved ? 'is not' : 'is', null);
  const [rows, count] = await Promise.all([
    query.selectAll('q').select('n.code as node_code').orderBy('q.created_at', 'desc').orderBy('q.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
