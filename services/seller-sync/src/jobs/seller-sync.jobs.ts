import { createHash } from 'node:crypto';
import { LockBusyError, type LockManager } from '@platform/lock';
import type { Handlers } from '@platform/queues';
import { startRun, completeRun } from '../audit/audit.queries.js';
import { runSync, type RunRequest, type SyncDeps, type SyncSummary } from '../sync/run-sync.js';
import type { RecoveryAction } from '../sync/db-recovery.js';
import { repairSellers } from '../verify/repair.js';

/** One sync at a time across every replica (Properties 17, 39). */
export const SYNC_LOCK = 'seller-sync';

/** Scheduled iterations share one payload; each gets its own run id, stable across retries of that iteration. */
export function runIdForJob(jobId: string): string {
  const h = createHash('sha256').update(`seller-sync:${jobId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type SkippedSync = { status: 'skipped'; reason: string };

/** Thrown to hand a transient failure to the queue's retry with backoff. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  constructor(
    readonly runId: string,
    reason: string,
  ) {
    super(`seller sync ${runId} failed transiently, the queue retries it with backoff: ${reason}`);
  }
}

/** Whether no queue retry follows if this attempt fails. */
export function isLastAttempt(job: { attemptsMade: number; opts: { attempts?: number } }): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** Runs a sync under the lock; a second one while the first runs returns without starting. */
export async function lockedSync(deps: SyncDeps, locks: LockManager, run: RunRequest): Promise<SyncSummary | SkippedSync> {
  try {
    return await locks.withLock(SYNC_LOCK, () => runSync(deps, run), { retries: 0, maxHoldMs: 3_600_000 });
  } catch (err) {
    if (err instanceof LockBusyError) {
      deps.log.info({ runId: run.id }, 'sync requested while another runs; not started');
      return { status: 'skipped', reason: 'a seller sync is already running' };
    }
    throw err;
  }
}

/** The `seller-sync` queue's handlers (the worker does not compile without both). */
export function sellerSyncHandlers(deps: SyncDeps, locks: LockManager): Handlers<'seller-sync'> {
  return {
    'sync-sellers': async (payload, { job }) => {
      const id = payload.trigger === 'scheduled' ? runIdForJob(String(job.id)) : payload.syncId;
      const final = isLastAttempt(job);
      const result = await lockedSync(deps, locks, { id, trigger: payload.trigger, requestedBy: payload.requestedBy ?? null, final });
      // A transient failure (429 storm past the reader's budget, network, database) fails the job so
      // the queue's backoff (30 s, 60 s, ...) rides it out; the same run id is reopened next attempt.
      if (result.status === 'failed' && 'retryable' in result && result.retryable && !final) throw new RetryLaterError(id, result.error ?? 'transient failure');
      return { runId: id, status: result.status };
    },
    'resync-gaps': async (payload, { job }) => {
      const id = runIdForJob(`resync.${job.id}`);
      return locks.withLock(SYNC_LOCK, async () => {
        if (!(await startRun(deps.db, { id, trigger: 'scheduled', requestedBy: null }))) return { runId: id, status: 'skipped' };
        const recoveries: RecoveryAction[] = [];
        const reader = deps.reader(() => undefined);
        const where = await reader.locate(payload.sellerNumbers);
        const targets = [...where].map(([sellerNumber, rowNumber]) => ({ sellerNumber, rowNumber, hasProperty: false }));
        const r = await repairSellers(deps, reader, id, targets, (a) => recoveries.push(a));
        const notInSheet = payload.sellerNumbers.filter((n) => !where.has(n));
        await completeRun(deps.db, id, {
          status: r.remaining.length === 0 ? 'completed' : 'failed',
          successCount: r.repaired.length,
          failureCount: r.remaining.length,
          verification: { gapsDetected: payload.sellerNumbers, repaired: r.repaired, remainingGaps: r.remaining, notInSheet, forRun: payload.syncId },
          summary: { kind: 'resync-gaps', recoveries },
          progress: { phase: 'done', total: targets.length, processed: targets.length, success: r.repaired.length, errors: r.remaining.length },
        });
        if (r.remaining.length > 0) {
          const message = `re-sync left ${r.remaining.length} seller(s) missing: ${r.remaining.slice(0, 20).join(', ')}`;
          // Bounded: the queue's attempts; after the last one a person has to look.
          if (isLastAttempt(job)) await deps.alert({ type: 'resync_failed', severity: 'high', message: `${message} (gave up after ${job.attemptsMade + 1} attempts)`, details: { runId: id, forRun: payload.syncId, remaining: r.remaining.slice(0, 200), error: r.error } });
          throw new Error(message);
        }
        return { runId: id, status: 'completed' };
      });
    },
  };
}
