import type { Checksums, RowHash } from './checksum.js';
import { EntitySyncError } from './errors.js';
import type { EntityMetadata } from './metadata.js';
import { emptyEntityResult, type EntityResult } from './result.js';
import { isConnectionError } from './retry.js';
import type { SyncOptions } from './run-sync.js';

export type Counts = { inserted: number; updated: number; deleted: number };

/** What the read phase learnt about one entity. */
export interface EntityRead {
  remote: Checksums;
  /** Local checksums before any write; still true at verification if this attempt wrote nothing. */
  local: Checksums;
  wrote: boolean;
  /** Buckets copied into staging; `null` when nothing differed. */
  staged: readonly number[] | 'all' | null;
  skipped: RowHash[];
}

export interface AttemptState {
  order: readonly EntityMetadata[];
  /** Counts of committed steps, kept across retried attempts so totals stay exact. */
  committed: Map<string, Counts>;
  results: Map<string, EntityResult>;
  /** Entities read and planned without error. */
  reads: Map<string, EntityRead>;
}

export function resultOf(state: AttemptState, entity: EntityMetadata): EntityResult {
  let result = state.results.get(entity.name);
  if (!result) {
    result = emptyEntityResult(entity.name);
    state.results.set(entity.name, result);
  }
  return result;
}

export function isFailed(state: AttemptState, entity: EntityMetadata): boolean {
  return state.results.get(entity.name)?.status === 'failed';
}

/**
 * Runs one step of one entity, timing it. A connection error is rethrown
 * (the whole run is retried); any other error marks only this entity failed,
 * as seed 004's error handling asks, and the run goes on.
 */
export async function step(
  options: SyncOptions,
  state: AttemptState,
  entity: EntityMetadata,
  name: EntitySyncError['step'],
  fn: () => Promise<void>,
): Promise<void> {
  const result = resultOf(state, entity);
  const started = performance.now();
  try {
    options.signal?.throwIfAborted();
    await fn();
  } catch (error) {
    if (isConnectionError(error) || options.signal?.aborted) throw error;
    const failure = new EntitySyncError(entity.name, name, error);
    result.status = 'failed';
    result.error = failure.message;
    options.log.error({ err: error, entity: entity.name, step: name, tenantId: options.tenantId }, 'meter-sync entity failed; continuing with the next');
  } finally {
    result.durationMs += Math.round(performance.now() - started);
  }
}
