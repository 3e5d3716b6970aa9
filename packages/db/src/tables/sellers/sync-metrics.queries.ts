import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../database.js';

/** Spec 002 AggregatedMetrics. */
export interface AggregatedMetrics {
  runs: number;
  averageSyncTime: number;
  peakSyncTime: number;
  errorRate: number;
  averageThroughput: number;
}

/**
 * Spec 002 `getAggregatedMetrics(days)` (Property 26): seller-sync runs started in the last `days`
 * that stored metrics. Times in ms; errorRate = failed / processed records, in 0..1;
 * averageThroughput in records per second. Zeros when there is no run. Read by seller-sync's tests
 * and served by admin-gateway (`GET /api/seller-sync/metrics`).
 */
export async function getAggregatedMetrics(db: Kysely<Database> | Transaction<Database>, days: number, now = new Date()): Promise<AggregatedMetrics> {
  const { rows } = await sql<{ runs: number; avg_ms: number | null; peak_ms: number | null; failures: number | null; records: number | null; avg_rps: number | null }>`
    SELECT count(*)::int AS runs,
           avg((m.execution_time->>'total')::float8) AS avg_ms,
           max((m.execution_time->>'total')::float8) AS peak_ms,
           sum(a.failure_count)::float8 AS failures,
           sum(a.failure_count + a.success_count)::float8 AS records,
           avg((m.throughput->>'recordsPerSecond')::float8) AS avg_rps
    FROM sellers.sync_metrics m JOIN sellers.sync_audit_logs a ON a.id = m.audit_log_id
    WHERE a.start_time >= ${now}::timestamptz - make_interval(days => ${days})`.execute(db);
  const r = rows[0]!;
  return {
    runs: r.runs,
    averageSyncTime: r.avg_ms ?? 0,
    peakSyncTime: r.peak_ms ?? 0,
    errorRate: r.records ? (r.failures ?? 0) / r.records : 0,
    averageThroughput: r.avg_rps ?? 0,
  };
}
