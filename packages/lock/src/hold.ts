import { ExecutionError, ResourceLockedError, type Lock } from '@sesamecare-oss/redlock';
import type { Database, Kysely } from '@platform/db';
import type { Logger } from '@platform/runtime';
import { LockHoldExceededError, LockLostError } from './errors.js';
import { expireFence, extendFence, type IssuedFence } from './fencing.js';
import { recordLockEvent } from './ledger.js';
import type { LockTimers } from './timers.js';

export interface HoldContext {
  db: Kysely<Database>;
  log: Logger;
  owner: string;
  ttlMs: number;
  maxHoldMs: number;
  timers: LockTimers;
}

type State = 'held' | 'lost' | 'exceeded' | 'finished';

/**
 * One acquired lock while `fn` runs: extends it every ttl/3, gives it up at
 * `maxHoldMs`, and releases it exactly once in `finish()`. Timers only flip
 * the state and abort; all Redis/PostgreSQL clean-up happens in `finish()`, so
 * release, give-up and loss never run concurrently with each other.
 */
export class Hold {
  readonly controller = new AbortController();
  /** Rejects (never resolves) when the lock is lost or held too long. */
  readonly ended: Promise<never>;
  private rejectEnded!: (error: Error) => void;
  private state: State = 'held';
  private extensions = 0;
  private extendTimer: unknown;
  private readonly maxTimer: unknown;
  private inFlight: Promise<void> = Promise.resolve();
  private readonly startedAt = performance.now();

  constructor(
    private readonly ctx: HoldContext,
    private lock: Lock,
    readonly fence: IssuedFence,
  ) {
    this.ended = new Promise<never>((_, reject) => {
      this.rejectEnded = reject;
    });
    // Nobody may await `ended` if fn wins the race; that must not be an unhandled rejection.
    this.ended.catch(() => undefined);
    this.maxTimer = ctx.timers.setTimeout(() => this.end('exceeded', new LockHoldExceededError(fence.resource, fence.token, ctx.maxHoldMs)), ctx.maxHoldMs);
    this.scheduleExtension(this.nextExtensionDelay());
  }

  /**
   * Extend once a third of the ttl has passed since the last Redis write, measured
   * from the lock's own validity: the fence transaction between acquire and
   * here can eat a good part of a short ttl.
   */
  private nextExtensionDelay(): number {
    return Math.max(0, this.lock.expiration - Date.now() - Math.ceil((this.ctx.ttlMs * 2) / 3));
  }

  private get fields() {
    // `fencingToken`, not `token`: the platform logger redacts any `token` field.
    return { resource: this.fence.resource, fencingToken: this.fence.token, owner: this.ctx.owner };
  }

  private end(state: 'lost' | 'exceeded', error: Error): void {
    if (this.state !== 'held') return;
    this.state = state;
    this.ctx.timers.clearTimeout(this.extendTimer);
    // Reject before aborting: abort listeners run synchronously, and a fn that
    // rejects from one must not win withLock's race over the real reason.
    this.rejectEnded(error);
    this.controller.abort(error);
  }

  private scheduleExtension(delayMs: number): void {
    this.extendTimer = this.ctx.timers.setTimeout(() => {
      this.inFlight = this.extend();
    }, delayMs);
  }

  private async extend(): Promise<void> {
    if (this.state !== 'held') return;
    const { ttlMs, db, log, owner } = this.ctx;
    try {
      const next = await this.lock.extend(ttlMs);
      this.lock = next;
      if (this.state !== 'held') return;
      const leaseExpiresAt = await extendFence(db, this.fence, Math.max(0, next.expiration - Date.now()));
      if (leaseExpiresAt === null) throw new FenceSupersededError(this.fence.token);
      this.extensions += 1;
      // One 'extended' row per hold (the first) keeps the ledger to ~3 rows per
      // hold; a 5-minute hold at ttl 30 s would otherwise add 30 rows.
      if (this.extensions === 1) {
        await recordLockEvent(db, { ...this.ledgerBase('extended'), expiresAt: leaseExpiresAt });
      }
      log.debug({ ...this.fields, extensions: this.extensions }, 'lock extended');
      if (this.state === 'held') this.scheduleExtension(this.nextExtensionDelay());
    } catch (error) {
      if (this.state !== 'held') return;
      const remainingMs = this.lock.expiration - Date.now();
      const definitive = await isDefinitiveLoss(error);
      log.warn({ ...this.fields, err: error, remainingMs, definitive }, 'lock extension failed');
      await recordLockEvent(db, { ...this.ledgerBase('extend_failed'), details: { error: String(error), remainingMs, definitive } }).catch(
        (ledgerError: unknown) => log.error({ ...this.fields, err: ledgerError }, 'lock ledger write failed'),
      );
      // A Redis/PostgreSQL blip is retried while the lock is still valid; a key
      // that is gone or owned by someone else is not coming back.
      if (definitive || remainingMs <= 0) {
        this.end('lost', new LockLostError(this.fence.resource, this.fence.token, { cause: error }));
      } else if (this.state === 'held') {
        this.scheduleExtension(Math.max(1, Math.min(Math.floor(ttlMs / 10), Math.floor(remainingMs / 2))));
      }
    }
  }

  private ledgerBase(event: 'extended' | 'extend_failed' | 'released' | 'max_hold_exceeded') {
    return { resource: this.fence.resource, event, owner: this.ctx.owner, token: this.fence.token, acquiredAt: this.fence.acquiredAt, expiresAt: null };
  }

  /** Stops extending and releases (fence first, then Redis). Idempotent. */
  async finish(): Promise<void> {
    if (this.state === 'finished') return;
    const endState = this.state;
    this.state = 'finished';
    this.ctx.timers.clearTimeout(this.extendTimer);
    this.ctx.timers.clearTimeout(this.maxTimer);
    // After this point the holder has nothing: tell any work fn left running.
    if (!this.controller.signal.aborted) this.controller.abort(new Error(`lock "${this.fence.resource}" released`));
    await this.inFlight.catch(() => undefined);
    const { db, log, maxHoldMs } = this.ctx;
    const heldMs = Math.round(performance.now() - this.startedAt);
    const details = { heldMs, extensions: this.extensions, lost: endState === 'lost', maxHoldMs };
    const event = endState === 'exceeded' ? 'max_hold_exceeded' : 'released';
    // Fence before Redis: once the lease ends, a stale write with this token is
    // refused even before another holder appears.
    try {
      await db.transaction().execute(async (trx) => {
        const expiresAt = await expireFence(trx, this.fence);
        await recordLockEvent(trx, { ...this.ledgerBase(event), expiresAt, details });
      });
    } catch (error) {
      log.error({ ...this.fields, err: error }, 'lock fence expiry failed; the lease runs out on its own');
    }
    try {
      await this.lock.release();
    } catch (error) {
      log.warn({ ...this.fields, err: error }, 'redis lock release failed; the key expires with its ttl');
    }
    if (endState === 'exceeded') log.warn({ ...this.fields, heldMs, maxHoldMs }, 'lock held past its maximum and given up');
    else log.info({ ...this.fields, heldMs, extensions: this.extensions, lost: endState === 'lost' }, 'lock released');
  }
}

class FenceSupersededError extends Error {
  constructor(token: number) {
    super(`token ${token} is no longer current in platform.lock_fences`);
  }
}

/** True when Redis said "not your key" (ResourceLockedError) rather than failing to answer. */
async function isDefinitiveLoss(error: unknown): Promise<boolean> {
  if (error instanceof FenceSupersededError) return true;
  if (!(error instanceof ExecutionError)) return false;
  // redlock rejects extend() on a lock past its validity with no attempts at all.
  if (error.attempts.length === 0) return true;
  const stats = await Promise.all(error.attempts);
  return stats.every((s) => [...s.votesAgainst.values()].every((e) => e instanceof ResourceLockedError));
}
