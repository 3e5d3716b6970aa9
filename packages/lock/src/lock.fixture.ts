import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import type { Database, Kysely, SyncLock } from '@platform/db';
import type { RedisClient } from '@platform/runtime';
import { createLockManager, type LockManager, type LockTimings } from './lock-manager.js';
import type { LockTimers } from './timers.js';

/** A real pino logger whose JSON lines are kept for assertions. */
export function capturingLogger() {
  const lines: Array<{ level: number; msg: string; resource?: string; fencingToken?: number; [k: string]: unknown }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      callback();
    },
  });
  // sync: a log line must be visible as soon as the call that wrote it returns.
  const log = pino({ level: 'debug' }, stream);
  return { log, lines, about: (resource: string) => lines.filter((l) => l.resource === resource) };
}

/** Test-sized timings: ms, not seconds, so 100 runs take seconds. */
export const FAST: LockTimings = { ttlMs: 200, retries: 3, retryDelayMs: 2, maxHoldMs: 2_000 };

/**
 * Redis ttl for tests on a manual clock: far above any stall a loaded CI box
 * has, so the key never lapses in real time; the test moves the lock's own
 * clock (extensions, max hold) itself.
 */
export const STEADY_TTL_MS = 60_000;
/** Timings for a manual clock: the steady ttl, and a max hold far past any extension a test drives. */
export const STEADY: Partial<LockTimings> = { ttlMs: STEADY_TTL_MS, maxHoldMs: 10 * STEADY_TTL_MS };

export function makeManager(redis: RedisClient, db: Kysely<Database>, prefix: string, owner = 'test-owner', defaults: Partial<LockTimings> = {}, timers?: LockTimers) {
  const logger = capturingLogger();
  const manager: LockManager = createLockManager({ redis, db, log: logger.log, owner, keyPrefix: `${prefix}:lock:`, defaults: { ...FAST, ...defaults }, ...(timers ? { timers } : {}) });
  return { manager, ...logger };
}

export async function ledgerOf(db: Kysely<Database>, resource: string): Promise<SyncLock[]> {
  return db.selectFrom('platform.sync_locks').selectAll().where('lock_key', '=', resource).orderBy('id').execute();
}

export async function fenceOf(db: Kysely<Database>, resource: string) {
  return db
    .selectFrom('platform.lock_fences')
    .select(['token', 'holder', sql<boolean>`lease_expires_at > clock_timestamp()`.as('live')])
    .where('resource', '=', resource)
    .executeTakeFirst();
}
