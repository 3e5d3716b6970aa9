import { sql, type Kysely, type Transaction } from 'kysely';
import { appendChangeLog, logRowVisibleTo, type Database, type LogAppend } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

export type ChangeKey = LogAppend;

/** What applying a batch leaves for the log: changes for every other node, and the hub's version for the sender alone. */
export interface LogWrites {
  forOthers: ChangeKey[];
  echoes: ChangeKey[];
}

/**
 * Writes an apply's changes to the log (Property 4): one row per change, whatever the number of
 * nodes; the sender is excluded by origin when packets are cut. Call last in the transaction.
 *
 * @example
 * await recordChanges(trx, outcome.log, { nodeId, hubNodeId });
 */
export async function recordChanges(trx: Transaction<Database>, log: LogWrites, source: { nodeId: string; hubNodeId: string }): Promise<void> {
  await appendChangeLog(trx, log.forOthers, { origin: source.nodeId });
  await appendChangeLog(trx, log.echoes, { origin: source.hubNodeId, target: source.nodeId });
}


/**
 * Of `uuids`, those with a change in the log after `cursor` that is for `nodeId`: the hub holds a
 * version the node has not acknowledged (the 1C exchange-plan rule for a conflict).
 */
export async function unacknowledged(db: Db, nodeId: string, uuids: readonly string[], cursor: number): Promise<Set<string>> {
  if (uuids.length === 0) return new Set();
  const rows = await sql<{ entity_uuid: string }>`
    SELECT DISTINCT entity_uuid FROM exchange.change_log
    WHERE entity_uuid = ANY(${[...uuids]}::uuid[]) AND position > ${cursor} AND ${logRowVisibleTo(nodeId)}`.execute(db);
  return new Set(rows.rows.map((r) => r.entity_uuid));
}

/** Distinct entities waiting in the log for `nodeId` after `cursor` (for a progress bar). */
export async function pendingFor(db: Db, nodeId: string, cursor: number): Promise<number> {
  const row = await sql<{ n: string }>`
    SELECT count(DISTINCT entity_uuid) AS n FROM exchange.change_log WHERE position > ${cursor} AND ${logRowVisibleTo(nodeId)}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}
