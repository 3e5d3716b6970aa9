import { Counter, Histogram, type Registry } from '@platform/runtime';
import type { SyncResult } from './engine/result.js';

export interface SyncMetrics {
  record(result: SyncResult): void;
  recordFailure(): void;
}

/** Per-entity counters and durations; labels are bounded (entity names come from metadata, not data). */
export function createSyncMetrics(registry: Registry): SyncMetrics {
  const rowsRead = new Counter({ name: 'meter_sync_rows_read_total', help: 'Remote rows copied into staging', labelNames: ['entity'], registers: [registry] });
  const rowsWritten = new Counter({
    name: 'meter_sync_rows_written_total',
    help: 'Local rows changed, by operation (inserted, updated, deleted)',
    labelNames: ['entity', 'operation'],
    registers: [registry],
  });
  const skipped = new Counter({ name: 'meter_sync_rows_skipped_total', help: 'Remote rows skipped: a parent is missing locally', labelNames: ['entity'], registers: [registry] });
  const duration = new Histogram({
    name: 'meter_sync_entity_duration_seconds',
    help: 'Time spent on one entity in one run',
    labelNames: ['entity'],
    buckets: [0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const mismatches = new Counter({ name: 'meter_sync_verification_mismatches_total', help: 'Entities whose post-run verification failed', labelNames: ['entity'], registers: [registry] });
  const runs = new Counter({ name: 'meter_sync_runs_total', help: 'Runs by outcome', labelNames: ['outcome'], registers: [registry] });

  return {
    record(result) {
      runs.inc({ outcome: !result.success ? 'entity_errors' : result.verified ? 'ok' : 'mismatch' });
      for (const e of Object.values(result.entities)) {
        rowsRead.inc({ entity: e.entity }, e.rowsRead);
        rowsWritten.inc({ entity: e.entity, operation: 'inserted' }, e.inserted);
        rowsWritten.inc({ entity: e.entity, operation: 'updated' }, e.updated);
        rowsWritten.inc({ entity: e.entity, operation: 'deleted' }, e.deleted);
        skipped.inc({ entity: e.entity }, e.skipped);
        duration.observe({ entity: e.entity }, e.durationMs / 1000);
        if (e.verification && !e.verification.ok) mismatches.inc({ entity: e.entity });
      }
    },
    recordFailure() {
      runs.inc({ outcome: 'failed' });
    },
  };
}
