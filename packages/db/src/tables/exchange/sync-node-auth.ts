import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database.js';
import type { SyncNode } from './sync-nodes.table.js';
import { queueInitialImage, type NodeImageSource } from './change-log.js';

// Node tokens live here, beside exchange.sync_nodes, because two services must agree on them:
// admin-gateway issues them (POST /api/exchange/nodes) and exchange-hub checks them on every
// request. A second copy of the hash in the gateway would let the two drift apart silently.

/**
 * Tokens are 256 random bits, so a plain SHA-256 is enough to store them: no password-style slow
 * hash is needed against guessing, and the lookup stays one indexed equality.
 *
 * @example
 * await db.selectFrom('exchange.sync_nodes').selectAll().where('token_hash', '=', hashNodeToken(token)).executeTakeFirst();
 */
export function hashNodeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh node token, `exn_` + 43 base64url characters. */
export function generateNodeToken(): string {
  return `exn_${randomBytes(32).toString('base64url')}`;
}

/**
 * Registers a desktop node and queues the complete initial image for it, in one transaction
 * (the caller's, when given one, so its audit row commits with it). The token is returned once;
 * only its hash is stored. A taken `code` fails with PostgreSQL's unique violation (23505).
 *
 * @example
 * const { id, token } = await registerExchangeNode(db, exampleRegistry(), { code: 'DESKTOP-1', name: 'Site office' });
 */
export async function registerExchangeNode(
  db: Kysely<Database> | Transaction<Database>,
  registry: NodeImageSource,
  input: { code: string; name: string },
): Promise<{ id: string; token: string }> {
  const token = generateNodeToken();
  const register = async (trx: Kysely<Database>) => {
    const node = await trx
      .insertInto('exchange.sync_nodes')
      .values({ code: input.code, name: input.name, role: 'node', token_hash: hashNodeToken(token) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await queueInitialImage(trx as Transaction<Database>, registry, node.id);
    return node.id;
  };
  const id = db.isTransaction ? await register(db) : await db.transaction().execute(register);
  return { id, token };
}

/** The desktop node owning `token` (enabled or not), if any. */
export async function findNodeByToken(db: Kysely<Database>, token: string): Promise<SyncNode | undefined> {
  return db
    .selectFrom('exchange.sync_nodes')
    .selectAll()
    .where('token_hash', '=', hashNodeToken(token))
    .where('role', '=', 'node')
    .executeTakeFirst();
}

export type NodeAuthOutcome =
  | { ok: true; node: SyncNode }
  | { ok: false; reason: 'missing_token' | 'invalid_token' | 'node_disabled'; node?: SyncNode };

/**
 * The hub's check of one request's `Authorization` header (every request: seed 003 Property 29).
 *
 * @example
 * const auth = await authenticateExchangeNode(db, request.headers.authorization);
 * if (!auth.ok) reply.code(auth.reason === 'node_disabled' ? 403 : 401);
 */
export async function authenticateExchangeNode(db: Kysely<Database>, authorization: string | undefined): Promise<NodeAuthOutcome> {
  const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(authorization ?? '');
  if (!match) return { ok: false, reason: authorization ? 'invalid_token' : 'missing_token' };
  const node = await findNodeByToken(db, match[1]!);
  if (!node) return { ok: false, reason: 'invalid_token' };
  if (!node.enabled) return { ok: false, reason: 'node_disabled', node };
  return { ok: true, node };
}
