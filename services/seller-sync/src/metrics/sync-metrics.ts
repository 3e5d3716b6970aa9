import { sql } from 'kysely';
import type { Database, Kysely, SyncErrorType } from '@platform/db';
import { Counter, Gauge, Histogram, type Registry } from '@platform/runtime';

export type Phase = 'fetch' | 'compare' | 'update' | 'verify';

/** Spec 002 SyncMetrics; times in milliseconds. */
export interface RunMetrics {
  executionTime: Record<Phase | 'total', number>;
  throughput: { recordsPerSecond: number; totalRecords: number };
  errors: Record<SyncErrorType, number>;
}

export interface PromSyncMetrics {
  phaseSeconds: Histogram<'phase'>;
  rows: Counter<'operation'>;
  errors: Counter<'category'>;
  runs: Counter<'status'>;
  gaps: Gauge;
  lastSuccess: Gauge;
  recoveries: Counter<'kind'>;
}

export function createPromMetrics(registry: Registry): PromSyncMetrics {
  const registers = [registry];
  return {
    phaseSeconds: new Histogram({ name: 'seller_sync_phase_duration_seconds', help: 'Duration of each sync phase', labelNames: ['phase'], buckets: [0.05, 0.25, 1, 5, 15, 60, 300], registers }),
    rows: new Counter({ name: 'seller_sync_rows_total', help: 'Sheet rows processed by operation (create, update, skip, invalid)', labelNames: ['operation'], registers }),
    errors: new Counter({ name: 'seller_sync_errors_total', help: 'Sync errors by category', labelNames: ['category'], registers }),
    runs: new Counter({ name: 'seller_sync_runs_total', help: 'Finished sync runs by status', labelNames: ['status'], registers }),
    gaps: new Gauge({ name: 'seller_sync_gaps', help: 'Sellers in the sheet but not the database after the last verification', registers }),
    lastSuccess: new Gauge({ name: 'seller_sync_last_success_timestamp_seconds', help: 'End of the last successful sync', registers }),
    recoveries: new Counter({ name: 'seller_sync_recoveries_total', help: 'Automatic recoveries (network retry, db reconnect, gap re-sync)', labelNames: ['kind'], registers }),
  };
}

export async function storeRunMetrics(db: Kysely<Database>, runId: string, m: RunMetrics): Promise<void> {
  await db
    .insertInto('sellers.sync_metrics')
    .values({ audit_log_id: runId, execution_time: JSON.stringify({ unit: 'ms', ...m.executionTime }) as never, throughput: JSON.stringify(m.throughput) as never, errors: JSON.stringify(m.errors) as never })
    .onConflict((oc) => oc.column('audit_log_id').doUpdateSet((eb) => ({ execution_time: eb.ref('excluded.execution_time'), throughput: eb.ref('excluded.throughput'), errors: eb.ref('excluded.errors') })))
    .execute();
}

// Spec 002 getAggregatedMetrics lives in @platform/db: admin-gateway serves it too.
export { getAggregatedMetrics, type AggregatedMetrics } from '@platform/db';

export interface PerformanceWarning {
  message: string;
  /** The phase that grew most against its recent average. */
  bottleneck: Phase;
  throughputRatio: number;
  phaseRatios: Record<Phase, number>;
}

// Spec 002 "Performance degradation > 50%": throughput below half the recent average.
const DEGRADED_BELOW = 0.5;
const MIN_HISTORY = 3;

/**
 * Compares a run with the previous week (Property 27). Returns a warning naming the
 * bottleneck phase, or null when throughput is normal or there is too little history.
 */
export async function checkDegradation(db: Kysely<Database>, runId: string, current: RunMetrics): Promise<PerformanceWarning | null> {
  const { rows } = await sql<{ n: number; rps: number | null; fetch: number | null; compare: number | null; update: number | null; verify: number | null }>`
    SELECT count(*)::int AS n, avg((throughput->>'recordsPerSecond')::float8) AS rps,
           avg((execution_time->>'fetch')::float8) AS fetch, avg((execution_time->>'compare')::float8) AS compare,
           avg((execution_time->>'update')::float8) AS update, avg((execution_time->>'verify')::float8) AS verify
    FROM sellers.sync_metrics WHERE audit_log_id <> ${runId} AND created_at > now() - interval '7 days'`.execute(db);
  const h = rows[0]!;
  if (h.n < MIN_HISTORY || !h.rps || current.throughput.totalRecords === 0) return null;
  const ratio = current.throughput.recordsPerSecond / h.rps;
  if (ratio >= DEGRADED_BELOW) return null;
  const phases: Phase[] = ['fetch', 'compare', 'update', 'verify'];
  const phaseRatios = Object.fromEntries(phases.map((p) => [p, current.executionTime[p] / Math.max(1, h[p] ?? 0)])) as Record<Phase, number>;
  const bottleneck = phases.reduce((a, b) => (phaseRatios[b] > phaseRatios[a] ? b : a));
  return {
    message: `sync throughput ${current.throughput.recordsPerSecond.toFixed(1)} rows/s is ${(ratio * 100).toFixed(0)}% of the 7-day average ${h.rps.toFixed(1)}; bottleneck: ${bottleneck} (${phaseRatios[bottleneck].toFixed(1)}x its average)`,
    bottleneck,
    throughputRatio: ratio,
    phaseRatios,
  };
}
