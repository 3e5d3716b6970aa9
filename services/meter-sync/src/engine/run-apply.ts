import type pg from 'pg';
import { deleteDoomed, upsertStaged } from './apply.js';
import { isFailed, resultOf, step, type AttemptState } from './run-state.js';
import type { SyncOptions } from './run-sync.js';
import { verifyEntity } from './verify.js';

const SKIPPED_KEYS_KEPT = 20;

function markWrote(state: AttemptState): void {
  for (const read of state.reads.values()) read.wrote = true;
}

/**
 * Deletes children before parents, then upserts parents before children;
 * each entity's delete and upsert is its own transaction, so a killed worker
 * leaves every table either before or after that step, never in between, and
 * the foreign keys hold at every commit. Then verifies every entity read.
 */
export async function apply(options: SyncOptions, state: AttemptState, local: pg.ClientBase): Promise<void> {
  const { order, reads, committed } = state;
  const total = order.length * 4;
  const byName = new Map(order.map((e) => [e.name, e]));
  const syncedAt = options.syncedAtColumn === undefined ? 'synced_at' : options.syncedAtColumn;

  for (const [index, entity] of [...order].reverse().entries()) {
    if (!reads.has(entity.name) || isFailed(state, entity)) continue;
    await options.onProgress?.({ phase: 'delete', entity: entity.name, done: order.length + index, total });
    await step(options, state, entity, 'delete', async () => {
      const deleted = await deleteDoomed(local, entity);
      committed.get(entity.name)!.deleted += deleted;
      // A child's delete can be due to its parent, so any write makes every later local checksum stale.
      if (deleted > 0) markWrote(state);
    });
  }

  for (const [index, entity] of order.entries()) {
    const read = reads.get(entity.name);
    if (!read || read.staged === null || isFailed(state, entity)) continue;
    await options.onProgress?.({ phase: 'upsert', entity: entity.name, done: order.length * 2 + index, total });
    await step(options, state, entity, 'upsert', async () => {
      const counts = await upsertStaged(local, entity, byName, syncedAt);
      const totals = committed.get(entity.name)!;
      totals.inserted += counts.inserted;
      totals.updated += counts.updated;
      read.skipped = counts.skipped;
      if (counts.inserted + counts.updated > 0) markWrote(state);
      const result = resultOf(state, entity);
      result.skipped = counts.skipped.length;
      result.skippedKeys = counts.skipped.slice(0, SKIPPED_KEYS_KEPT).map((s) => s.key);
      if (counts.skipped.length > 0) {
        options.log.warn(
          { entity: entity.name, tenantId: options.tenantId, skipped: counts.skipped.length, keys: result.skippedKeys },
          'skipped rows that point at a missing parent',
        );
      }
    });
  }

  for (const [index, entity] of order.entries()) {
    const read = reads.get(entity.name);
    if (!read || isFailed(state, entity)) continue;
    await options.onProgress?.({ phase: 'verify', entity: entity.name, done: order.length * 3 + index, total });
    await step(options, state, entity, 'verify', async () => {
      const result = resultOf(state, entity);
      // Unwritten since its read-phase checksum (taken under the apply lock): that checksum is the local state.
      const current = read.wrote ? undefined : read.local;
      result.verification = await verifyEntity(local, entity, options.tenantId, read.remote, read.skipped, current);
      const c = committed.get(entity.name)!;
      result.status = c.inserted + c.updated + c.deleted > 0 ? 'synced' : 'unchanged';
      if (!result.verification.ok) {
        options.log.error({ entity: entity.name, tenantId: options.tenantId, verification: result.verification }, 'meter-sync verification mismatch');
      }
    });
  }
}
