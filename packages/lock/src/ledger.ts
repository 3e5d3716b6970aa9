import type { Database, Kysely, LockEvent, Transaction } from '@platform/db';

export interface LedgerEntry {
  resource: string;
  event: LockEvent;
  owner: string;
  token: number | null;
  /** When this hold began, by PostgreSQL's clock (from the fence row). */
  acquiredAt: Date | null;
  /** The lease end after this event, by PostgreSQL's clock. */
  expiresAt: Date | null;
  details?: Record<string, unknown>;
}

/** Appends one row to the append-only `platform.sync_locks` ledger. */
export async function recordLockEvent(db: Kysely<Database> | Transaction<Database>, entry: LedgerEntry): Promise<void> {
  await db
    .insertInto('platform.sync_locks')
    .values({
      lock_key: entry.resource,
      event: entry.event,
      acquired_by: entry.owner,
      fencing_token: entry.token,
      acquired_at: entry.acquiredAt,
      expires_at: entry.expiresAt,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
