import { sql } from 'kysely';
import type { Database, Kysely, Transaction } from '@platform/db';
import { FencingError } from './errors.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What `withLock` hands to `fn` and `fencedWrite` checks. */
export interface Fence {
  resource: string;
  token: number;
}

export interface IssuedFence extends Fence {
  /** PostgreSQL's clock at issue. */
  acquiredAt: Date;
  leaseExpiresAt: Date;
}

const leaseEnd = (leaseMs: number) => sql<Date>`now() + ${leaseMs} * interval '1 millisecond'`;

/**
 * Bumps the resource's token (monotonic, starting at 1) and opens a lease of
 * `leaseMs`. Its FOR UPDATE waits for any `fencedWrite` still holding FOR KEY
 * SHARE with the previous token, so that write commits first. Call it inside
 * a transaction: the row lock must last until the bump commits.
 */
export async function issueFence(trx: Transaction<Database>, resource: string, holder: string, leaseMs: number): Promise<IssuedFence> {
  // ON CONFLICT DO UPDATE alone locks the row FOR NO KEY UPDATE, which does not wait for KEY SHARE.
  await trx.selectFrom('platform.lock_fences').select('token').where('resource', '=', resource).forUpdate().execute();
  const row = await trx
    .insertInto('platform.lock_fences')
    .values({ resource, token: 1, holder, lease_expires_at: leaseEnd(leaseMs) })
    .onConflict((oc) =>
      oc.column('resource').doUpdateSet({
        token: sql<number>`platform.lock_fences.token + 1`,
        holder,
        lease_expires_at: leaseEnd(leaseMs),
        updated_at: sql<Date>`now()`,
      }),
    )
    .returning(['token', 'updated_at', 'lease_expires_at'])
    .executeTakeFirstOrThrow();
  return { resource, token: row.token, acquiredAt: row.updated_at, leaseExpiresAt: row.lease_expires_at };
}

/**
 * Moves the lease end to now + `leaseMs`; null when `token` is no longer current.
 * A plain UPDATE of a non-key column (FOR NO KEY UPDATE), so it never waits for
 * the holder's own guarded write: a write longer than the ttl does not let the lease lapse.
 */
export async function extendFence(db: Db, fence: Fence, leaseMs: number): Promise<Date | null> {
  const row = await db
    .updateTable('platform.lock_fences')
    .set({ lease_expires_at: leaseEnd(leaseMs), updated_at: sql<Date>`now()` })
    .where('resource', '=', fence.resource)
    .where('token', '=', fence.token)
    .returning('lease_expires_at')
    .executeTakeFirst();
  return row?.lease_expires_at ?? null;
}

/** Ends the lease now, so any later `fencedWrite` with this token is refused. */
export async function expireFence(db: Db, fence: Fence): Promise<Date | null> {
  const row = await db
    .updateTable('platform.lock_fences')
    .set({ lease_expires_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('resource', '=', fence.resource)
    .where('token', '=', fence.token)
    .returning('lease_expires_at')
    .executeTakeFirst();
  return row?.lease_expires_at ?? null;
}

/**
 * Runs `fn` in a transaction that first proves `token` is still the current,
 * unexpired holder of `resource`, and throws `FencingError` (nothing written)
 * otherwise. The FOR KEY SHARE row lock keeps the proof valid until commit: a
 * new acquirer's token bump (FOR UPDATE) waits for this transaction, while the
 * holder's own lease extensions (no-key UPDATEs) do not.
 *
 * @example
 * await withLock(`device:${id}`, async (lock) => {
 *   const users = await readDevice(id);
 *   await fencedWrite(db, lock, (trx) => upsertUsers(trx, users));
 * });
 */
export async function fencedWrite<T>(db: Kysely<Database>, fence: Fence, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('platform.lock_fences')
      // clock_timestamp(), not now(): the statement's own time, not the transaction's start.
      .select(['token', sql<boolean>`lease_expires_at > clock_timestamp()`.as('live')])
      .where('resource', '=', fence.resource)
      .forKeyShare()
      .executeTakeFirst();
    if (!row) throw new FencingError(fence.resource, fence.token, null, 'never_issued');
    if (row.token !== fence.token) throw new FencingError(fence.resource, fence.token, row.token, 'superseded');
    if (!row.live) throw new FencingError(fence.resource, fence.token, row.token, 'lease_expired');
    return fn(trx);
  });
}
