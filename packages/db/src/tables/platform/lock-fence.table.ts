import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `platform.lock_fences`: current fencing token and lease per lock resource. */
export interface LockFenceTable {
  resource: string;
  token: number;
  holder: string;
  lease_expires_at: Date;
  updated_at: Generated<Date>;
}
export type LockFence = Selectable<LockFenceTable>;
export type NewLockFence = Insertable<LockFenceTable>;
export type LockFenceUpdate = Updateable<LockFenceTable>;
