import { performance } from 'node:perf_hooks';
import type { Database, Kysely, SyncErrorType, TriggerSource } from '@platform/db';
import type { Logger } from '@platform/runtime';
import type { RetryEvent, SheetSeller, SheetsReader } from '@platform/sheets';
import type { AlertSink } from '../alerts/alert-sink.js';
import { checkInvalidShare } from '../alerts/invalid-rows.js';
import { enforceRetention } from '../audit/retention.js';
import { closeAbandonedRuns, completeRun, writeUnchangedSummary, reportProgress, startRun, writeErrorLogs, writeRecordLogs, type ErrorLogEntry, type Progress, type RecordLogEntry } from '../audit/audit.queries.js';
import type { SyncSettings } from '../config/sync-settings.schema.js';
import { checkDegradation, storeRunMetrics, type PromSyncMetrics, type RunMetrics } from '../metrics/sync-metrics.js';
import { verifyAndRepair, type VerificationResult } from '../verify/verify-sync.js';
import { applyBatch, type ConflictRecord } from './apply-batch.js';
import { commitOnce, batchKey } from './commit-once.js';
import { contentHash } from './content-hash.js';
import { withDbReconnect, type RecoveryAction } from './db-recovery.js';
import { categorize } from './error-category.js';
import { loadStored } from './seller.queries.js';
import { checkConsecutiveFailures } from './failure-streak.js';

export interface SyncDeps {
  db: Kysely<Database>;
  /** Built per run from the current settings (retry policy) with `onRetry` wired to the run. */
  reader: (onRetry: (e: RetryEvent) => void) => SheetsReader;
  alert: AlertSink;
  log: Logger;
  metrics: PromSyncMetrics;
  settings: () => SyncSettings;
  batchSize: number;
  /**
   * Req 7.4: gap re-sync that could not finish now runs later, as a `resync-gaps` job (delayed,
   * then the queue's exponential backoff, bounded by its attempts).
   */
  scheduleResync: (request: { syncId: string; sellerNumbers: string[] }) => Promise<void>;
}

export interface SyncSummary {
  runId: string;
  status: 'completed' | 'failed' | 'cancelled' | 'skipped';
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  failed: number;
  blankRows: number;
  conflicts: ConflictRecord[];
  recoveries: RecoveryAction[];
  verification: VerificationResult | null;
  metrics: RunMetrics | null;
  error?: string;
  /** The failure is transient (network, 429, lost database): the queue may run the job again. */
  retryable: boolean;
}

export interface RunRequest {
  id: string;
  trigger: TriggerSource;
  requestedBy?: string | null;
  /** No queue retry follows a failure of this attempt (default true): a failure now raises `sync_failed`. */
  final?: boolean;
}

/**
 * One full sync: read the sheet, write changed sellers in batches, verify, repair gaps,
 * and audit every step in `sellers.sync_*`. The caller holds the seller-sync lock.
 */
export async function runSync(deps: SyncDeps, run: RunRequest): Promise<SyncSummary> {
  try {
    return await runSyncOnce(deps, run);
  } catch (err) {
    // The database went away before the run could open or close its row: still tell someone.
    // The row, if left in_progress, is closed as failed by the next run (closeAbandonedRuns).
    if (run.final ?? true) await raiseSyncFailed(deps, run.id, (err as Error).message, categorize(err));
    throw err;
  }
}

async function raiseSyncFailed(deps: SyncDeps, runId: string, error: string, category: SyncErrorType): Promise<void> {
  await deps.alert({ type: 'sync_failed', severity: 'high', message: `seller sync ${runId} failed: ${error}`.slice(0, 1_000), details: { runId, error, category } });
}

async function runSyncOnce(deps: SyncDeps, run: RunRequest): Promise<SyncSummary> {
  const { db, log } = deps;
  const summary: SyncSummary = { runId: run.id, status: 'completed', created: 0, updated: 0, unchanged: 0, invalid: 0, failed: 0, blankRows: 0, conflicts: [], recoveries: [], verification: null, metrics: null, retryable: false };
  const recovered = (a: RecoveryAction) => {
    summary.recoveries.push(a);
    deps.metrics.recoveries.inc({ kind: a.kind });
    log.warn({ runId: run.id, recovery: a }, 'automatic recovery');
  };
  // Every statement of a run survives one lost connection (Property 29), not only the batches:
  // a failover during the progress write must not fail a sync whose data is already written.
  const reconnecting = <T>(op: () => Promise<T>) => withDbReconnect(db, op, recovered);
  if (!(await reconnecting(() => startRun(db, { id: run.id, trigger: run.trigger, requestedBy: run.requestedBy ?? null })))) {
    log.info({ runId: run.id }, 'sync run already finished; redelivered job ignored');
    return { ...summary, status: 'skipped' };
  }
  // We hold the sync lock: any other run still in_progress died without closing its row.
  const abandoned = await reconnecting(() => closeAbandonedRuns(db, run.id));
  if (abandoned.length > 0) log.warn({ runId: run.id, abandoned }, 'closed audit rows of runs that ended without closing them');
  const started = new Date();
  const t0 = performance.now();
  const time: RunMetrics['executionTime'] = { fetch: 0, compare: 0, update: 0, verify: 0, total: 0 };
  const errors: Record<SyncErrorType, number> = { network: 0, validation: 0, database: 0, unknown: 0 };
  let failureCategory: SyncErrorType = 'unknown';
  const progress: Progress = { phase: 'detecting', total: 0, processed: 0, success: 0, errors: 0 };
  const onRetry = (e: RetryEvent) =>
    recovered({ kind: 'network_retry', at: new Date().toISOString(), detail: `${e.operation} attempt ${e.attempt} after ${e.status ?? 'network error'}: waited ${e.delayMs} ms${e.retryAfterMs !== null ? ` (Retry-After ${e.retryAfterMs} ms)` : ''}` });
  const reader = deps.reader(onRetry);

  try {
    let phase = performance.now();
    const snapshot = await reader.readAll();
    time.fetch = performance.now() - phase;
    summary.invalid = snapshot.invalid.length;
    summary.blankRows = snapshot.blankRows.length;
    errors.validation += snapshot.invalid.length;
    await checkInvalidShare(deps.alert, { runId: run.id, valid: snapshot.sellers.length, invalid: snapshot.invalid, thresholdPercent: deps.settings().invalidRowAlertPercent });
    // Bad rows: one error log each (row, reason, stack) and a failed record log when the seller number is readable.
    // Each write unit commits once per run (commitOnce): a retry after a lost COMMIT reply writes nothing twice.
    if (snapshot.invalid.length > 0)
      await reconnecting(() =>
        commitOnce(db, run.id, batchKey('invalid', snapshot.invalid.map((e) => `${e.rowNumber}\u0001${e.message}`)), async (trx) => {
          await writeErrorLogs(trx, run.id, snapshot.invalid.map((e) => ({ sellerNumber: e.sellerNumber, message: e.message, stack: e.stack ?? null, type: 'validation' })));
          await writeRecordLogs(trx, run.id, snapshot.invalid.filter((e) => e.sellerNumber !== null).map((e) => ({ sellerNumber: e.sellerNumber!, operation: 'skip', result: 'failure', errorMessage: e.message })));
          return null;
        }));

    phase = performance.now();
    const stored = await reconnecting(() => loadStored(db, snapshot.sellers.map((s) => s.sellerNumber)));
    time.compare = performance.now() - phase;
    Object.assign(progress, { phase: 'syncing', total: snapshot.sellers.length, errors: snapshot.invalid.length });

    phase = performance.now();
    const unchanged: string[] = [];
    for (let i = 0; i < snapshot.sellers.length; i += deps.batchSize) {
      const batch = snapshot.sellers.slice(i, i + deps.batchSize);
      const key = batchKey(`batch-${i}`, batch.map((s) => `${s.sellerNumber}\u0001${contentHash(s)}`));
      const { result: r } = await reconnecting(() =>
        commitOnce(db, run.id, key, async (trx) => {
          const res = await applyBatch(trx, batch, stored, { force: false, runStartedAt: started });
          // Plain unchanged sellers go into the run's one summary row; everything else gets its own row.
          await writeRecordLogs(trx, run.id, res.records.filter((r) => !isPlainSkip(r)));
          return res;
        }, (res) => res.records.some((rec) => !isPlainSkip(rec))));
      summary.created += r.created;
      summary.updated += r.updated;
      summary.unchanged += r.unchanged;
      summary.failed += r.failed;
      summary.conflicts.push(...r.conflicts);
      for (const rec of r.records) if (isPlainSkip(rec)) unchanged.push(rec.sellerNumber);
      for (const c of r.conflicts) log.warn({ runId: run.id, conflict: c }, 'update conflict resolved by timestamp');
      Object.assign(progress, { processed: progress.processed + batch.length, success: progress.success + batch.length - r.failed, errors: progress.errors + r.failed });
      const { cancelRequested } = await reconnecting(() => reportProgress(db, run.id, progress));
      if (cancelRequested && i + deps.batchSize < snapshot.sellers.length) {
        summary.status = 'cancelled';
        break;
      }
    }
    if (unchanged.length > 0) await reconnecting(() => commitOnce(db, run.id, batchKey('unchanged', unchanged), (trx) => writeUnchangedSummary(trx, run.id, unchanged).then(() => null)));
    time.update = performance.now() - phase;
    for (const [op, n] of [['create', summary.created], ['update', summary.updated], ['skip', summary.unchanged], ['invalid', summary.invalid]] as const) deps.metrics.rows.inc({ operation: op }, n);

    if (summary.status !== 'cancelled') {
      progress.phase = 'verifying';
      await reconnecting(() => reportProgress(db, run.id, progress));
      phase = performance.now();
      summary.verification = await verifyAndRepair(deps, reader, run.id, snapshot.sellers, snapshot.invalid.length, recovered);
      time.verify = performance.now() - phase;
      if (summary.verification.remainingGaps.length > 0) summary.status = 'failed';
    }
  } catch (err) {
    const type = categorize(err);
    failureCategory = type;
    errors[type]++;
    summary.status = 'failed';
    summary.error = (err as Error).message;
    summary.retryable = type === 'network' || type === 'database';
    log.error({ err, runId: run.id, category: type }, 'sync failed');
    await writeErrorLogs(db, run.id, [{ sellerNumber: null, message: (err as Error).message, stack: (err as Error).stack ?? null, type } satisfies ErrorLogEntry]).catch(() => undefined);
  }
  time.total = performance.now() - t0;
  const processed = summary.created + summary.updated + summary.unchanged;
  const metrics: RunMetrics = { executionTime: time, throughput: { totalRecords: processed + summary.invalid, recordsPerSecond: (processed + summary.invalid) / Math.max(time.total / 1000, 1e-3) }, errors };
  summary.metrics = metrics;
  await finish(deps, run.id, summary, progress, reconnecting);
  if (summary.status === 'failed' && ((run.final ?? true) || !summary.retryable)) await raiseSyncFailed(deps, run.id, summary.error ?? failureReason(summary), failureCategory);
  return summary;
}

function isPlainSkip(r: RecordLogEntry): boolean {
  return r.operation === 'skip' && r.result === 'success' && r.errorMessage === null;
}

function failureReason(summary: SyncSummary): string {
  const gaps = summary.verification?.remainingGaps ?? [];
  return gaps.length > 0 ? `${gaps.length} seller(s) still missing after verification and re-sync: ${gaps.slice(0, 20).join(', ')}` : 'unknown failure';
}

async function finish(deps: SyncDeps, runId: string, summary: SyncSummary, progress: Progress, reconnecting: <T>(op: () => Promise<T>) => Promise<T>): Promise<void> {
  const { db, log, metrics: prom } = deps;
  const m = summary.metrics!;
  for (const [phase, ms] of Object.entries(m.executionTime)) if (phase !== 'total') prom.phaseSeconds.observe({ phase }, ms / 1000);
  for (const [category, n] of Object.entries(m.errors)) if (n > 0) prom.errors.inc({ category }, n);
  prom.runs.inc({ status: summary.status });
  if (summary.verification) prom.gaps.set(summary.verification.remainingGaps.length);
  if (summary.status === 'completed') prom.lastSuccess.set(Date.now() / 1000);
  await reconnecting(() => storeRunMetrics(db, runId, m));
  const warning = summary.status === 'completed' ? await reconnecting(() => checkDegradation(db, runId, m)) : null;
  if (warning) {
    log.warn({ runId, warning }, 'sync performance degraded');
    await deps.alert({ type: 'performance_degradation', severity: 'low', message: warning.message, details: { runId, ...warning } });
  }
  progress.phase = 'done';
  await reconnecting(() => completeRun(db, runId, {
    status: summary.status === 'skipped' ? 'completed' : summary.status,
    successCount: summary.created + summary.updated + summary.unchanged,
    failureCount: summary.invalid + summary.failed,
    verification: summary.verification,
    summary: {
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      invalid: summary.invalid,
      failed: summary.failed,
      blankRows: summary.blankRows,
      conflicts: summary.conflicts,
      recoveries: summary.recoveries,
      performanceWarning: warning,
      error: summary.error ?? null,
    },
    progress,
  }));
  // Bounded history (90-day audit, 30-day alert auto-ack): after the run is closed, never failing it.
  await enforceRetention(db).then(
    (r) => (r.recordLogs + r.errorLogs + r.runs + r.alertsAcknowledged > 0 ? log.info({ runId, retention: r }, 'expired history removed') : undefined),
    (err: unknown) => log.warn({ err, runId }, 'history retention failed; the next run tries again'),
  );
  if (summary.status === 'failed') await checkConsecutiveFailures(db, deps.alert, deps.settings().consecutiveFailureThreshold);
  log.info({ runId, status: summary.status, created: summary.created, updated: summary.updated, unchanged: summary.unchanged, invalid: summary.invalid }, 'sync finished');
}
