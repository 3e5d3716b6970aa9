import type pg from 'pg';
import type { Logger } from '@platform/runtime';
import { apply } from './run-apply.js';
import type { AttemptState } from './run-state.js';
import { syncOrder } from './dependency-order.js';
import type { EntityMetadata } from './metadata.js';
import { readAndPlan } from './run-read.js';
import { emptyEntityResult, type SyncResult } from './result.js';
import { retryOnConnectionError, type RetryOptions } from './retry.js';

export interface SyncProgress {
  phase: 'read' | 'delete' | 'upsert' | 'verify';
  entity: string;
  /** Steps finished out of `total` (4 per entity). */
  done: number;
  total: number;
}

export interface SyncOptions {
  /** Local (sync) database: the metering tables. */
  local: pg.Pool;
  /** Client-system database; only ever read, inside a read-only transaction. */
  remote: pg.Pool;
  entities: readonly EntityMetadata[];
  tenantId: number;
  log: Logger;
  /** Local column set to now() on every write; default `synced_at`, `null` for none. */
  syncedAtColumn?: string | null;
  retry?: Partial<RetryOptions>;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
  /** Aborts between steps (e.g. the tenant lock was lost); the current step's transaction rolls back. */
  signal?: AbortSignal;
}

// All runs share device and device_register (not tenant-scoped), so the local
// part of runs of different tenants is serialised on one advisory lock; the
// Redis lock per tenant only keeps two runs of the same tenant apart.
const LOCAL_APPLY_LOCK = `SELECT pg_advisory_lock(hashtextextended('meter-sync:local-apply', 0))`;
const LOCAL_APPLY_UNLOCK = `SELECT pg_advisory_unlock(hashtextextended('meter-sync:local-apply', 0))`;
// Text COPY and the row hashes print timestamps and numbers; pin the settings that change that text.
// work_mem: the checksum groups up to 65,536 buckets; at the 4 MB default that spills to disk.
const SESSION_SETUP = `SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, MDY'; SET extra_float_digits = 1; SET work_mem = '64MB'`;

/**
 * Makes the local tables of one tenant equal to the client system, entity by
 * entity in dependency order, and verifies the outcome. Entity failures are
 * recorded and the run goes on; a lost connection restarts the whole run
 * (3 retries, exponential backoff) with counts of already-committed steps kept.
 *
 * @example
 * const result = await runSync({ local, remote, entities: meteringEntities, tenantId: 1, log });
 * result.entities.meter.inserted;
 */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const started = performance.now();
  // Config errors (cycles, unknown parents) are thrown before any connection is opened.
  const order = syncOrder(options.entities);
  const committed = new Map(order.map((e) => [e.name, { inserted: 0, updated: 0, deleted: 0 }]));
  let attempts = 0;
  const retry = { retries: 3, baseDelayMs: 500, ...options.retry };

  const state = await retryOnConnectionError(
    async (attempt) => {
      attempts = attempt;
      return runAttempt(options, order, committed);
    },
    { ...retry, onRetry: (attempt, error, delayMs) => options.log.warn({ err: error, attempt, delayMs }, 'meter-sync connection lost; retrying the run') },
  );

  const entities = Object.fromEntries(order.map((e) => [e.name, { ...(state.results.get(e.name) ?? emptyEntityResult(e.name)), ...committed.get(e.name)! }]));
  const errors = order.flatMap((e) => (entities[e.name]!.error ? [{ entity: e.name, message: entities[e.name]!.error! }] : []));
  const verified = order.every((e) => entities[e.name]!.verification?.ok === true);
  return {
    success: errors.length === 0,
    tenantId: options.tenantId,
    entities,
    errors,
    ...(errors[0] ? { error: errors[0].message } : {}),
    verified,
    attempts,
    timestamp: new Date(),
    durationMs: Math.round(performance.now() - started),
  };
}

async function runAttempt(options: SyncOptions, order: EntityMetadata[], committed: AttemptState['committed']): Promise<AttemptState> {
  const local = await options.local.connect();
  let remote: pg.PoolClient | undefined;
  let broken: unknown;
  // A connection that dies while checked out emits 'error' on the client; unheard, that ends
  // the process. The pending query rejects as well, and that is what the retry acts on.
  const ignore = () => undefined;
  local.on('error', ignore);
  try {
    remote = await options.remote.connect();
    remote.on('error', ignore);
    await local.query(SESSION_SETUP);
    // Staging lives in temp buffers (8 MB by default; 1M meters stage ~100 MB). Only settable
    // before the session's first temp table, so a pooled connection that ran a sync keeps its value.
    await local.query(`SET temp_buffers = '256MB'`).catch(() => undefined);
    await remote.query(SESSION_SETUP);
    await local.query(LOCAL_APPLY_LOCK);
    const state: AttemptState = { order, committed, results: new Map(), reads: new Map() };
    // REPEATABLE READ: every entity is read from one snapshot, so parents and
    // children agree; READ ONLY: the server refuses any write on this connection.
    await remote.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await readAndPlan(options, state, remote, local);
    // Ends the snapshot as soon as everything is staged: a long-open snapshot holds back VACUUM on the client system.
    await remote.query('ROLLBACK');
    await apply(options, state, local);
    return state;
  } catch (error) {
    broken = error;
    throw error;
  } finally {
    if (!broken) await local.query(`DISCARD TEMP; ${LOCAL_APPLY_UNLOCK}`);
    // A client that failed mid-run may hold an open transaction: destroy it rather than pool it.
    local.off('error', ignore);
    remote?.off('error', ignore);
    local.release(broken ? true : undefined);
    remote?.release(broken ? true : undefined);
  }
}
