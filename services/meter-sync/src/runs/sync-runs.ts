import type { Database, Kysely } from '@platform/db';
import type { SyncResult } from '../engine/result.js';
import type { SyncProgress } from '../engine/run-sync.js';

export interface RunStart {
  runId?: string | undefined;
  tenantId: number;
  trigger: 'scheduled' | 'manual';
  jobId: string | undefined;
}

/**
 * Marks the run started: the row a caller pre-created (`runId`, e.g. admin-gateway
 * on "sync now"), or a new one. A retried job reuses its row; returns its id.
 */
export async function startRun(db: Kysely<Database>, run: RunStart): Promise<string> {
  const values = { status: 'running' as const, started_at: new Date(), job_id: run.jobId ?? null, progress: null, result: null, error: null };
  if (run.runId) {
    const row = await db
      .insertInto('metering.sync_runs')
      .values({ id: run.runId, tenant_id: run.tenantId, trigger: run.trigger, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const row = await db.insertInto('metering.sync_runs').values({ tenant_id: run.tenantId, trigger: run.trigger, ...values }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Marks the tenant's other `running` rows failed. Called under the tenant lock,
 * so such a row belongs to a run whose worker died (SIGKILL, OOM, lost node)
 * and that nothing will ever finish; left alone it reads as running forever.
 * Returns their ids.
 */
export async function abandonInterruptedRuns(db: Kysely<Database>, tenantId: number, currentRunId: string): Promise<string[]> {
  const rows = await db
    .updateTable('metering.sync_runs')
    .set({ status: 'failed', error: `interrupted: its worker stopped before the run finished (found by run ${currentRunId})`, finished_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'running')
    .where('id', '<>', currentRunId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function updateProgress(db: Kysely<Database>, runId: string, progress: SyncProgress): Promise<void> {
  await db.updateTable('metering.sync_runs').set({ progress: JSON.stringify(progress) }).where('id', '=', runId).execute();
}

export async function finishRun(db: Kysely<Database>, runId: string, result: SyncResult): Promise<void> {
  await db
    .updateTable('metering.sync_runs')
    .set({
      status: result.success && result.verified ? 'succeeded' : 'failed',
      result: JSON.stringify(result),
      error: result.error ?? (result.verified ? null : 'verification mismatch'),
      finished_at: new Date(),
      duration_ms: result.durationMs,
    })
    .where('id', '=', runId)
    .execute();
}

export async function failRun(db: Kysely<Database>, runId: string, error: unknown, durationMs: number): Promise<void> {
  await db
    .updateTable('metering.sync_runs')
    .set({ status: 'failed', error: error instanceof Error ? error.message : String(error), finished_at: new Date(), duration_ms: durationMs })
    .where('id', '=', runId)
    .execute();
}
