import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Database, Kysely } from '@platform/db';
import type { LockManager } from '@platform/lock';
import type { JobHandler, Producer } from '@platform/queues';
import type { EntityMetadata } from '../engine/metadata.js';
import type { SyncResult } from '../engine/result.js';
import { runSync, type SyncProgress } from '../engine/run-sync.js';
import type { SyncMetrics } from '../metrics.js';
import { abandonInterruptedRuns, failRun, finishRun, startRun, updateProgress } from '../runs/sync-runs.js';

export interface SyncTenantDeps {
  db: Kysely<Database>;
  /** Pool on DATABASE_URL for the engine's raw SQL and COPY (kysely has no COPY). */
  local: pg.Pool;
  remote: pg.Pool;
  entities: readonly EntityMetadata[];
  locks: LockManager;
  producer: Pick<Producer, 'enqueue'>;
  metrics: SyncMetrics;
}

/** Progress goes to PostgreSQL at most this often; admin-gateway polls the run row. */
const PROGRESS_EVERY_MS = 1_000;

/**
 * `meter-sync/sync-tenant`: one run per tenant at a time (Redis lock, on top of
 * the queue's dedupe id per tenant), recorded in metering.sync_runs, alerting
 * on entity errors and verification mismatches. Idempotent: a redelivered job
 * makes the tables equal to the remote again and reports what it changed.
 */
export function syncTenantJob(deps: SyncTenantDeps): JobHandler<'meter-sync', 'sync-tenant'> {
  return async (payload, { job, log }) =>
    deps.locks.withLock(`meter-sync:tenant:${payload.tenantId}`, async (lock) => {
      const started = performance.now();
      const runId = await startRun(deps.db, { runId: payload.runId, tenantId: payload.tenantId, trigger: payload.trigger, jobId: job.id });
      const interrupted = await abandonInterruptedRuns(deps.db, payload.tenantId, runId);
      if (interrupted.length > 0) log.warn({ runId, tenantId: payload.tenantId, interrupted }, 'earlier runs of this tenant were interrupted; marked failed');
      let lastProgress = 0;
      const onProgress = async (progress: SyncProgress) => {
        if (performance.now() - lastProgress < PROGRESS_EVERY_MS && progress.done > 0) return;
        lastProgress = performance.now();
        await Promise.all([job.updateProgress({ runId, ...progress }), updateProgress(deps.db, runId, progress)]);
      };
      try {
        const result = await runSync({
          local: deps.local,
          remote: deps.remote,
          entities: deps.entities,
          tenantId: payload.tenantId,
          log,
          signal: lock.signal,
          onProgress,
        });
        await finishRun(deps.db, runId, result);
        deps.metrics.record(result);
        if (!result.success || !result.verified) await raiseAlert(deps, result, runId);
        log.info({ runId, tenantId: payload.tenantId, durationMs: result.durationMs, entities: counts(result) }, 'meter-sync run finished');
        return { runId, success: result.success, verified: result.verified, entities: counts(result) };
      } catch (error) {
        deps.metrics.recordFailure();
        await failRun(deps.db, runId, error, Math.round(performance.now() - started));
        throw error;
      }
    });
}

function counts(result: SyncResult) {
  return Object.fromEntries(
    Object.values(result.entities).map((e) => [e.entity, { inserted: e.inserted, updated: e.updated, deleted: e.deleted, skipped: e.skipped }]),
  );
}

async function raiseAlert(deps: SyncTenantDeps, result: SyncResult, runId: string): Promise<void> {
  const mismatched = Object.values(result.entities).filter((e) => e.verification && !e.verification.ok);
  const message = !result.success
    ? `meter-sync tenant ${result.tenantId}: ${result.errors.length} entity error(s): ${result.errors.map((e) => e.message).join('; ')}`
    : `meter-sync tenant ${result.tenantId}: local copy differs from the client system after sync (${mismatched.map((e) => e.entity).join(', ')})`;
  await deps.producer.enqueue('alerts', 'dispatch-alert', {
    alertId: randomUUID(),
    source: 'meter-sync',
    type: result.success ? 'meter-sync.verification-mismatch' : 'meter-sync.entity-failed',
    severity: 'high',
    message: message.slice(0, 4_000),
    details: { runId, tenantId: result.tenantId, errors: result.errors, verification: Object.fromEntries(mismatched.map((e) => [e.entity, e.verification])) },
    dedupeKey: `meter-sync.${result.success ? 'verify' : 'error'}.${result.tenantId}`,
    occurredAt: new Date().toISOString(),
  });
}
