import { Redlock, type Lock } from '@sesamecare-oss/redlock';
import type { Cluster, Redis } from 'ioredis';
import type { Database, Kysely } from '@platform/db';
import type { Logger } from '@platform/runtime';
import { backoffDelay } from './backoff.js';
import { LockBusyError } from './errors.js';
import { issueFence } from './fencing.js';
import { Hold } from './hold.js';
import { recordLockEvent } from './ledger.js';
import { systemTimers, wait, type LockTimers } from './timers.js';

export interface LockTimings {
  /** Redis key ttl; the lock is extended every ttlMs/3 while `fn` runs. */
  ttlMs: number;
  /** Retries after the first attempt; a busy lock is tried `1 + retries` times (seed 000 Req 7.3). */
  retries: number;
  /** First backoff ceiling; doubles per retry, jittered to 50-100% of the ceiling. */
  retryDelayMs: number;
  /** Hard limit on one hold (seed 000 Req 7.5): past it the lock is given up. */
  maxHoldMs: number;
}

export interface LockOptions extends Partial<LockTimings> {
  /** Called after every acquire attempt, e.g. for a metric. */
  onAttempt?: (event: { resource: string; attempt: number; acquired: boolean }) => void;
  /** Cancels waiting for the lock, and is forwarded to `fn`'s signal. */
  signal?: AbortSignal;
}

export interface LockManagerOptions {
  /**
   * One client (a single server or a Redis Cluster: each lock is one key, so
   * it lives on one shard), or several independent Redis masters for
   * Redlock's quorum: acquired when a majority grants it in time.
   */
  redis: Redis | Cluster | Array<Redis | Cluster>;
  db: Kysely<Database>;
  log: Logger;
  /** Who holds the lock, written to the ledger, e.g. `device-poller@pod-7`. */
  owner: string;
  /** Redis key = keyPrefix + resource. */
  keyPrefix?: string;
  defaults?: Partial<LockTimings>;
  /** What extensions, the max-hold give-up and acquire backoff are scheduled on; default Node's timers. */
  timers?: LockTimers;
}

/** What `fn` receives while it holds the lock. */
export interface HeldLock {
  resource: string;
  /** Fencing token: strictly increasing per resource; pass it to `fencedWrite`. */
  token: number;
  /** Aborted when the lock is lost, given up at max hold, or released. */
  signal: AbortSignal;
}

export interface LockManager {
  withLock<T>(resource: string, fn: (lock: HeldLock) => Promise<T>, options?: LockOptions): Promise<T>;
}

export const DEFAULT_TIMINGS: LockTimings = { ttlMs: 30_000, retries: 3, retryDelayMs: 1_000, maxHoldMs: 300_000 };

/**
 * Redlock-based mutual exclusion with fencing tokens from PostgreSQL.
 *
 * @example
 * const locks = createLockManager({ redis, db, log, owner: `device-poller@${hostname()}` });
 * await locks.withLock(`device:${deviceId}`, async (lock) => {
 *   const users = await device.getUsers({ signal: lock.signal });
 *   await fencedWrite(db, lock, (trx) => saveUsers(trx, users));
 * });
 */
export function createLockManager(options: LockManagerOptions): LockManager {
  const { db, log, owner, keyPrefix = 'lock:', timers = systemTimers } = options;
  const clients = Array.isArray(options.redis) ? options.redis : [options.redis];
  if (clients.length === 0) throw new TypeError('createLockManager: `redis` needs at least one client');
  const defaults = validTimings({ ...DEFAULT_TIMINGS, ...options.defaults });
  // retryCount 0: we retry ourselves so every attempt is counted and backed off.
  const redlock = new Redlock(clients, { retryCount: 0 });

  async function acquire(resource: string, timings: LockTimings, opts: LockOptions): Promise<Lock> {
    for (let attempt = 1; ; attempt++) {
      try {
        const lock = await redlock.acquire([keyPrefix + resource], timings.ttlMs);
        opts.onAttempt?.({ resource, attempt, acquired: true });
        return lock;
      } catch (error) {
        opts.onAttempt?.({ resource, attempt, acquired: false });
        if (attempt > timings.retries) {
          log.warn({ resource, owner, attempts: attempt, err: error }, 'lock busy; giving up');
          await recordLockEvent(db, {
            resource,
            event: 'acquire_failed',
            owner,
            token: null,
            acquiredAt: null,
            expiresAt: null,
            details: { attempts: attempt, error: String(error) },
          }).catch((ledgerError: unknown) => log.error({ resource, err: ledgerError }, 'lock ledger write failed'));
          throw new LockBusyError(resource, attempt, { cause: error });
        }
        // Rejects with the caller's own reason (e.g. "shutting down") if it aborts meanwhile.
        await wait(timers, backoffDelay(attempt, timings.retryDelayMs), opts.signal);
      }
    }
  }

  return {
    async withLock(resource, fn, opts = {}) {
      validResource(resource);
      const timings = validTimings({ ...defaults, ...pickTimings(opts) });
      opts.signal?.throwIfAborted();
      const lock = await acquire(resource, timings, opts);
      let hold: Hold;
      try {
        const fence = await db.transaction().execute(async (trx) => {
          // The lease must not outlive the Redis lock: start it from what is left.
          const issued = await issueFence(trx, resource, owner, Math.max(0, lock.expiration - Date.now()));
          await recordLockEvent(trx, { resource, event: 'acquired', owner, token: issued.token, acquiredAt: issued.acquiredAt, expiresAt: issued.leaseExpiresAt });
          return issued;
        });
        hold = new Hold({ db, log, owner, ttlMs: timings.ttlMs, maxHoldMs: timings.maxHoldMs, timers }, lock, fence);
      } catch (error) {
        await lock.release().catch(() => undefined);
        throw error;
      }
      log.info({ resource, fencingToken: hold.fence.token, owner }, 'lock acquired');
      const signal = opts.signal ? AbortSignal.any([hold.controller.signal, opts.signal]) : hold.controller.signal;
      try {
        const work = fn({ resource, token: hold.fence.token, signal });
        // If the hold ends first we stop waiting; fn's late rejection must not go unhandled.
        work.catch(() => undefined);
        return await Promise.race([work, hold.ended]);
      } finally {
        await hold.finish();
      }
    },
  };
}

function pickTimings(opts: LockOptions): Partial<LockTimings> {
  const picked: Partial<LockTimings> = {};
  for (const key of ['ttlMs', 'retries', 'retryDelayMs', 'maxHoldMs'] as const) {
    if (opts[key] !== undefined) picked[key] = opts[key];
  }
  return picked;
}

function validTimings(t: LockTimings): LockTimings {
  const positiveInt = (name: keyof LockTimings, min: number) => {
    if (!Number.isSafeInteger(t[name]) || t[name] < min) {
      throw new RangeError(`lock option ${name} must be an integer >= ${min}, got ${t[name]}`);
    }
  };
  positiveInt('ttlMs', 3);
  positiveInt('retries', 0);
  positiveInt('retryDelayMs', 0);
  positiveInt('maxHoldMs', 1);
  return t;
}

function validResource(resource: string): void {
  // platform.sync_locks.lock_key and lock_fences.resource are varchar(200).
  if (typeof resource !== 'string' || resource.length === 0 || resource.length > 200) {
    throw new RangeError(`lock resource must be a non-empty string of at most 200 characters, got ${JSON.stringify(resource)}`);
  }
}
