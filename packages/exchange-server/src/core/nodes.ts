import type { Kysely } from 'kysely';
import type { Database } from '@platform/db';

/** The hub's own row (role `hub`), created on first start; its id is every node's `recipient_node_id`. */
export async function ensureHubNode(db: Kysely<Database>, code = 'HUB'): Promise<string> {
  const existing = await db.selectFrom('exchange.sync_nodes').select('id').where('role', '=', 'hub').executeTakeFirst();
  if (existing) return existing.id;
  const inserted = await db
    .insertInto('exchange.sync_nodes')
    .values({ code, name: 'Central hub', role: 'hub' })
    .onConflict((oc) => oc.column('role').where('role', '=', 'hub').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  return (await db.selectFrom('exchange.sync_nodes').select('id').where('role', '=', 'hub').executeTakeFirstOrThrow()).id;
}

// Node tokens (hash, registration, lookup) live in @platform/db: admin-gateway issues them too.
export { registerExchangeNode as registerNode } from '@platform/db';
