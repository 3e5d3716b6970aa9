import type { LockFenceTable } from './tables/lock-fence.table.js';
import type { SyncLockTable } from './tables/sync-lock.table.js';

/**
 * Every table, keyed as `schema.table`. Areas: `platform` (locks, devices,
 * shared), `attendance` (seed 000), `sellers` (seed 002), `exchange` (seed 003),
 * `metering` (seed 004).
 */
export interface Database {
  'platform.sync_locks': SyncLockTable;
  'platform.lock_fences': LockFenceTable;
}
