import type { Database, Kysely } from '@platform/db';
import type { Producer } from '@platform/queues';

/**
 * After a node's upload changed hub data, every other enabled node has
 * something new: queue `prepare-packets` for each so its next packet is
 * built before it asks. The job's identity dedupes per node (one pending,
 * one rerun if a build is running), so a burst of uploads stays bounded
 * by the number of nodes, not the number of uploads.
 */
export async function preparePacketsAhead(db: Kysely<Database>, producer: Producer, changedBy: string): Promise<number> {
  const nodes = await db
    .selectFrom('exchange.sync_nodes')
    .select('id')
    .where('role', '=', 'node')
    .where('enabled', '=', true)
    .where('id', '!=', changedBy)
    .execute();
  await Promise.all(nodes.map(({ id }) => producer.enqueue('exchange', 'prepare-packets', { nodeId: id })));
  return nodes.length;
}
