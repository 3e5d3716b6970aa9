import type pg from 'pg';
import { differingBuckets, readChecksums, totalRows, worthFiltering } from './checksum.js';
import type { EntityMetadata } from './metadata.js';
import { bucketsReferencingDoomed, planDoomed } from './plan.js';
import { remoteSource } from './sql.js';
import { resultOf, step, type AttemptState } from './run-state.js';
import type { SyncOptions } from './run-sync.js';
import { copyIntoEmptyScope, stageRemoteRows } from './stage.js';
import { localChecksums } from './verify.js';

/**
 * Parents first: checksums both sides, copies the buckets that differ into
 * staging, and plans the deletes. Nothing local is written here except TEMP
 * tables, so an interruption in this phase changes nothing.
 */
export async function readAndPlan(options: SyncOptions, state: AttemptState, remote: pg.ClientBase, local: pg.ClientBase): Promise<void> {
  const { tenantId } = options;
  const doomedParents = new Map<string, EntityMetadata>();
  for (const [index, entity] of state.order.entries()) {
    await options.onProgress?.({ phase: 'read', entity: entity.name, done: index, total: state.order.length * 4 });
    await step(options, state, entity, 'read', async () => {
      const result = resultOf(state, entity);
      // Two servers, two connections: hashing both sides at once halves the time of an unchanged run.
      const [remoteSums, localSums] = await Promise.all([
        readChecksums(remote, entity, remoteSource(entity, tenantId), 'remote_rows'),
        localChecksums(local, entity, tenantId),
      ]);
      result.remoteRows = totalRows(remoteSums);
      const dirty = differingBuckets(remoteSums, localSums);
      // A root entity whose scope is empty locally: nothing to update, delete or skip.
      if (localSums.size === 0 && remoteSums.size > 0 && !entity.dependsOn?.length) {
        const inserted = await copyIntoEmptyScope(remote, local, entity, tenantId);
        if (inserted !== null) {
          result.rowsRead = inserted;
          state.committed.get(entity.name)!.inserted += inserted;
          await planDoomed(local, entity, tenantId, null, doomedParents);
          doomedParents.set(entity.name, entity);
          state.reads.set(entity.name, { remote: remoteSums, local: localSums, wrote: true, staged: null, skipped: [] });
          for (const read of state.reads.values()) read.wrote = true;
          return;
        }
      }
      const viaParent = await bucketsReferencingDoomed(local, entity, doomedParents);
      const buckets = [...new Set([...dirty, ...viaParent])];
      const staged = buckets.length === 0 ? null : worthFiltering(buckets) ? buckets : 'all';
      if (staged !== null) result.rowsRead = await stageRemoteRows(remote, local, entity, tenantId, staged);
      await planDoomed(local, entity, tenantId, staged, doomedParents);
      doomedParents.set(entity.name, entity);
      state.reads.set(entity.name, { remote: remoteSums, local: localSums, wrote: false, staged, skipped: [] });
    });
  }
}
