import { sql } from 'kysely';
import type { Database, Kysely, RecordOperation, RecordResult, SyncErrorType, SyncRunStatus, Transaction, TriggerSource } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

export interface RecordLogEntry {
  sellerNumber: string;
  operation: RecordOperation;
  result: RecordResult;
  errorMessage: string | null;
}

export interface ErrorLogEntry {
  sellerNumber: string | null;
  message: string;
  stack: string | null;
  type: SyncErrorType;
}

export interface Progress {
  phase: 'detecting' | 'syncing' | 'verifying' | 'done';
  total: number;
  processed: number;
  success: number;
  errors: number;
}

/**
 * Opens the run's audit row (Property 6). Returns false when the run already ended: a redelivered
 * job must not run a finished sync again. A failed run being retried is reopened.
 */
export async function startRun(db: Db, run: { id: string; trigger: TriggerSource; requestedBy: string | null }): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO sellers.sync_audit_logs (id, start_time, trigger_source, status, requested_by, progress)
    VALUES (${run.id}, now(), ${run.trigger}, 'in_progress', ${run.requestedBy}, ${JSON.stringify({ phase: 'detecting', total: 0, processed: 0, success: 0, errors: 0 })}::jsonb)
    ON CONFLICT (id) DO UPDATE SET status = 'in_progress', start_time = now(), end_time = NULL, updated_at = now()
      WHERE sellers.sync_audit_logs.status IN ('in_progress', 'failed')
    RETURNING id`.execute(db);
  return rows.length === 1;
}

/**
 * Marks every other `in_progress` run failed. Called by a run that holds the sync lock, so no
 * other run can be alive: those rows belong to processes that died (or lost the database) before
 * closing them. Returns their ids.
 */
export async function closeAbandonedRuns(db: Db, currentRunId: string): Promise<string[]> {
  const rows = await db
    .updateTable('sellers.sync_audit_logs')
    .set({
      status: 'failed',
      end_time: sql`now()`,
      updated_at: sql`now()`,
      summary: sql`coalesce(summary, '{}'::jsonb) || jsonb_build_object('error', 'the run ended without closing its audit row (process or database lost); closed by the next run')`,
    })
    .where('status', '=', 'in_progress')
    .where('id', '!=', currentRunId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Writes progress and reports whether an admin asked to cancel: one round trip per batch. */
export async function reportProgress(db: Db, runId: string, progress: Progress): Promise<{ cancelRequested: boolean }> {
  const row = await db
    .updateTable('sellers.sync_audit_logs')
    .set({ progress: progress as never, updated_at: sql`now()` })
    .where('id', '=', runId)
    .returning('cancel_requested_at')
    .executeTakeFirst();
  return { cancelRequested: row?.cancel_requested_at != null };
}

/** One INSERT for the whole batch (Req 2.2 asks for a log per seller, not a statement per seller). */
export async function writeRecordLogs(db: Db, runId: string, entries: RecordLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`
    INSERT INTO sellers.sync_record_logs (audit_log_id, seller_number, operation, result, error_message, occurred_at)
    SELECT ${runId}::uuid, n, o, r, e, now() FROM unnest(
      ${entries.map((e) => e.sellerNumber)}::text[], ${entries.map((e) => e.operation)}::text[],
      ${entries.map((e) => e.result)}::text[], ${entries.map((e) => e.errorMessage)}::text[]) AS u(n, o, r, e)`.execute(db);
}

/** The seller number of a run's one summary row for its unchanged sellers (the numbers are in `seller_numbers`). */
export const UNCHANGED_SUMMARY = '(unchanged)';

/**
 * ONE record-log row for every seller the run found unchanged: their count and numbers. Our reading
 * of Property 7 (every processed seller is logged with its operation and result): an unchanged
 * seller is logged as `skip/success` inside this row rather than in a row of its own.
 */
export async function writeUnchangedSummary(db: Db, runId: string, sellerNumbers: string[]): Promise<void> {
  if (sellerNumbers.length === 0) return;
  await sql`
    INSERT INTO sellers.sync_record_logs (audit_log_id, seller_number, operation, result, error_message, occurred_at, seller_count, seller_numbers)
    VALUES (${runId}::uuid, ${UNCHANGED_SUMMARY}, 'skip', 'success', ${`${sellerNumbers.length} seller(s) unchanged (same content hash)`}, now(), ${sellerNumbers.length}, ${sellerNumbers}::text[])`.execute(db);
}

export async function writeErrorLogs(db: Db, runId: string | null, entries: ErrorLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`
    INSERT INTO sellers.sync_error_logs (audit_log_id, seller_number, error_message, stack_trace, error_type, occurred_at)
    SELECT ${runId}::uuid, n, m, s, t, now() FROM unnest(
      ${entries.map((e) => e.sellerNumber)}::text[], ${entries.map((e) => e.message)}::text[],
      ${entries.map((e) => e.stack)}::text[], ${entries.map((e) => e.type)}::text[]) AS u(n, m, s, t)`.execute(db);
}

/** Closes the run (Property 9): end time, counts, verification result and summary. */
export async function completeRun(
  db: Db,
  runId: string,
  end: { status: SyncRunStatus; successCount: number; failureCount: number; verification: object | null; summary: object; progress: Progress },
): Promise<void> {
  await db
    .updateTable('sellers.sync_audit_logs')
    .set({
      status: end.status,
      end_time: sql`now()`,
      success_count: end.successCount,
      failure_count: end.failureCount,
      verification_result: end.verification === null ? null : (JSON.stringify(end.verification) as never),
      summary: JSON.stringify(end.summary) as never,
      progress: JSON.stringify(end.progress) as never,
      updated_at: sql`now()`,
    })
    .where('id', '=', runId)
    .execute();
}

/** Stores the verification result as soon as it exists (Property 5), before the run closes. */
export async function storeVerification(db: Db, runId: string, verification: object): Promise<void> {
  await db
    .updateTable('sellers.sync_audit_logs')
    .set({ verification_result: JSON.stringify(verification) as never, updated_at: sql`now()` })
    .where('id', '=', runId)
    .execute();
}
