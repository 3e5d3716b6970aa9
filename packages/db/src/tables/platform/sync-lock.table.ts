import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export const LOCK_EVENTS = ['acquired', 'released', 'extended', 'extend_failed', 'max_hold_exceeded', 'acquire_failed'] as const;
export type LockEvent = (typeof LOCK_EVENTS)[number];

/** `platform.sync_locks`: append-only ledger of lock events (seed 000 `sync_locks`). */
export interface SyncLockTable {
  id: ColumnType<number, never, never>;
  lock_key: string;
  event: LockEvent;
  acquired_by: string;
  fencing_token: number | null;
  acquired_at: Date | null;
  expires_at: Date | null;
  details: unknown | null;
  created_at: Generated<Date>;
}
export type SyncLock = Selectable<SyncLockTable>;
export type NewSyncLock = Insertable<SyncLockTable>;
