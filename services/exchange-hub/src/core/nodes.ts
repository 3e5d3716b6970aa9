import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, SyncNode } from '@platform/db';
import type { EntityRegistry } from '@platform/exchange-protocol';

// Tokens are 256 random bits, so a plain SHA-256 is enough to store them: no
// password-style slow hash is needed against guessing, and lookup stays O(1).
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateToken(): string {
  return `exn_${randomBytes(32).toString('base64url')}`;
}

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

/**
 * Registers a desktop node and queues the complete initial image for it, in
 * one transaction. The token is returned once and only its hash is stored.
 *
 * @example
 * const { id, token } = await registerNode(db, registry, { code: 'DESKTOP-1', name: 'Site office' });
 */
export async function registerNode(
  db: Kysely<Database>,
  registry: EntityRegistry,
  input: { code: string; name: string },
): Promise<{ id: string; token: string }> {
  const token = generateToken();
  const id = await db.transaction().execute(async (trx) => {
    const node = await trx
      .insertInto('exchange.sync_nodes')
      .values({ code: input.code, name: input.name, role: 'node', token_hash: hashToken(token) })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Types in registration order, so brigades are queued before the reports that point at them.
    for (const type of registry.types()) {
      await sql`INSERT INTO exchange.sync_changes (node_id, entity_type, entity_uuid, operation)
        SELECT ${node.id}::uuid, ${type}::text, e.uuid, 'INSERT' FROM ${sql.table(registry.get(type).table)} AS e ORDER BY e.uuid`.execute(trx);
    }
    return node.id;
  });
  return { id, token };
}

/** The enabled desktop node owning `token`, if any. */
export async function findNodeByToken(db: Kysely<Database>, token: string): Promise<SyncNode | undefined> {
  return db
    .selectFrom('exchange.sync_nodes')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('role', '=', 'node')
    .executeTakeFirst();
}
