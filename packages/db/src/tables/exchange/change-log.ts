import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../database.js';
import type { ChangeOperation } from './change-log.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface LogAppend {
  type: string;
  uuid: string;
  operation: ChangeOperation;
}

// Any constant shared by every writer of the log; the value itself means nothing.
const LOG_APPEND_LOCK = 0x65786c67;

/**
 * Appends changes to `exchange.change_log` in the given order (a referenced entity before its
 * referrer), in one statement. Call it last in the transaction: the advisory lock it takes is held
 * until commit, so positions become visible in order and a node's cursor can never pass a position
 * whose row commits later (SymmetricDS needs a gap detector for exactly that).
 *
 * @example
 * await appendChangeLog(trx, [{ type: 'Brigade', uuid, operation: 'INSERT' }], { origin: nodeId });
 */
export async function appendChangeLog(trx: Transaction<Database>, changes: readonly LogAppend[], route: { origin: string; target?: string }): Promise<void> {
  if (changes.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK})`.execute(trx);
  await sql`
    INSERT INTO exchange.change_log (entity_type, entity_uuid, operation, origin_node_id, target_node_id)
    SELECT c.type, c.uuid, c.op, ${route.origin}::uuid, ${route.target ?? null}::uuid
    FROM unnest(${changes.map((c) => c.type)}::text[], ${changes.map((c) => c.uuid)}::uuid[], ${changes.map((c) => c.operation)}::text[])
      WITH ORDINALITY AS c(type, uuid, op, ord)
    ORDER BY c.ord`.execute(trx);
}

/** The highest committed log position (0 for an empty log). */
export async function logHead(db: Db): Promise<number> {
  const row = await db.selectFrom('exchange.change_log').select((eb) => eb.fn.max<number | null>('position').as('head')).executeTakeFirst();
  return Number(row?.head ?? 0);
}

/** What an initial image needs of the entity registry (`EntityRegistry` of `@platform/exchange-protocol`). */
export interface NodeImageSource {
  /** Entity types in registration order: parents before the children that point at them. */
  types(): readonly string[];
  get(type: string): { table: string };
}

/**
 * Gives `nodeId` a complete image of the hub: its cursor jumps to the head of the log and every
 * entity is appended to the log for it alone. Used at registration, and when a node re-enabled
 * after retention dropped the part of the log it had not acknowledged.
 *
 * @example
 * await queueInitialImage(trx, registry, nodeId);
 */
export async function queueInitialImage(trx: Transaction<Database>, registry: NodeImageSource, nodeId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK})`.execute(trx);
  await trx.updateTable('exchange.sync_nodes').set({ log_cursor: await logHead(trx) }).where('id', '=', nodeId).execute();
  for (const type of registry.types()) {
    await sql`INSERT INTO exchange.change_log (entity_type, entity_uuid, operation, origin_node_id, target_node_id)
      SELECT ${type}::text, e.uuid, CASE WHEN e.is_deleted THEN 'DELETE' ELSE 'INSERT' END,
        -- the hub's row may not exist yet when the gateway registers before the hub's first start
        COALESCE((SELECT id FROM exchange.sync_nodes WHERE role = 'hub'), ${nodeId}::uuid), ${nodeId}::uuid
      FROM ${sql.table(registry.get(type).table)} AS e ORDER BY e.uuid`.execute(trx);
  }
}

/**
 * The lowest cursor of the enabled nodes: the log up to it has reached everyone who counts and
 * may go. Disabled nodes do not hold it back; they get a fresh image when re-enabled.
 */
export async function retentionFloor(db: Db): Promise<{ position: number; heldBy: { id: string; code: string } | null }> {
  const row = await db
    .selectFrom('exchange.sync_nodes')
    .select(['id', 'code', 'log_cursor'])
    .where('role', '=', 'node')
    .where('enabled', '=', true)
    .orderBy('log_cursor')
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { position: await logHead(db), heldBy: null };
  return { position: row.log_cursor, heldBy: { id: row.id, code: row.code } };
}

/**
 * The oldest log position still stored. Retention keeps the row at the floor, so once written the
 * log is never empty and a cursor below `tail - 1` proves rows it needed were dropped.
 */
export async function logTail(db: Db): Promise<number> {
  const row = await db.selectFrom('exchange.change_log').select((eb) => eb.fn.min<number | null>('position').as('tail')).executeTakeFirst();
  return row?.tail == null ? (await logHead(db)) + 1 : Number(row.tail);
}

/** A log row is for `node` when it is targeted at it, or untargeted and not its own. */
export const logRowVisibleTo = (node: string) =>
  sql<boolean>`(target_node_id = ${node}::uuid OR (target_node_id IS NULL AND origin_node_id <> ${node}::uuid))`;

/**
 * The entities the log holds for `nodeId` after its cursor, once each, in log order: what it has
 * not acknowledged yet (admin status, progress, tests).
 *
 * @example
 * const waiting = await pendingForNode(db, nodeId); // [{ entity_type: 'Brigade', entity_uuid }]
 */
export async function pendingForNode(db: Db, nodeId: string): Promise<{ entity_type: string; entity_uuid: string }[]> {
  const rows = await sql<{ entity_type: string; entity_uuid: string }>`
    SELECT l.entity_type, l.entity_uuid FROM exchange.change_log l
    JOIN exchange.sync_nodes n ON n.id = ${nodeId}::uuid
    WHERE l.position > n.log_cursor AND ${logRowVisibleTo(nodeId)}
    GROUP BY l.entity_type, l.entity_uuid ORDER BY min(l.position)`.execute(db);
  return rows.rows;
}

/**
 * Drops the log and its segments below the retention floor (every enabled node acknowledged
 * them): whole rows by position, never per node. The row at the floor stays, so `logTail` can still tell a re-enabled node it missed rows.
 *
 * @example
 * const { deletedRows, floor } = await trimChangeLog(db);
 */
export async function trimChangeLog(db: Db): Promise<{ deletedRows: number; deletedSegments: number; floor: number; heldBy: { id: string; code: string } | null }> {
  const { position: floor, heldBy } = await retentionFloor(db);
  const rows = await db.deleteFrom('exchange.change_log').where('position', '<', floor).executeTakeFirst();
  // A packet still in flight to a disabled node is resent from its segment alone: keep that one.
  const segments = await db
    .deleteFrom('exchange.log_segments as s')
    .where('s.end_position', '<=', floor)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('exchange.packets as p').select('p.packet_no').whereRef('p.log_from', '=', 's.start_position').where('p.direction', '=', 'outgoing').where('p.status', '!=', 'acknowledged'))),
    )
    .executeTakeFirst();
  return { deletedRows: Number(rows.numDeletedRows), deletedSegments: Number(segments.numDeletedRows), floor, heldBy };
}

/**
 * Re-enables a desktop node. While it was disabled the log may have been trimmed past its
 * cursor; then it gets a complete image instead of a silent gap.
 *
 * @example
 * const { reinitialised } = await enableExchangeNode(trx, registry, nodeId);
 */
export async function enableExchangeNode(trx: Transaction<Database>, registry: NodeImageSource, nodeId: string): Promise<{ reinitialised: boolean }> {
  const node = await trx.selectFrom('exchange.sync_nodes').select('log_cursor').where('id', '=', nodeId).forUpdate().executeTakeFirstOrThrow();
  await trx.updateTable('exchange.sync_nodes').set({ enabled: true, updated_at: sql<Date>`now()` }).where('id', '=', nodeId).execute();
  if (node.log_cursor >= (await logTail(trx)) - 1) return { reinitialised: false };
  await queueInitialImage(trx, registry, nodeId);
  return { reinitialised: true };
}
