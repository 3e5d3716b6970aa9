import { randomUUID } from 'node:crypto';
import type { Producer } from '@platform/queues';

export interface SyncAlertInput {
  type: 'consecutive_failures' | 'sync_gap' | 'resync_failed' | 'data_integrity' | 'performance_degradation' | 'sync_failed' | 'invalid_rows';
  severity: 'high' | 'medium' | 'low';
  message: string;
  details?: Record<string, unknown>;
  /** Same key inside alert-dispatcher's window = one incident, one notification. */
  dedupeKey?: string;
}

/** Raises an alert; returns its id. seller-sync only enqueues: alert-dispatcher records and delivers. */
export type AlertSink = (alert: SyncAlertInput) => Promise<string>;

/**
 * @example
 * const raise = queueAlertSink(producer);
 * await raise({ type: 'sync_gap', severity: 'high', message: '3 sellers missing after re-sync' });
 */
export function queueAlertSink(producer: Producer): AlertSink {
  return async (alert) => {
    const alertId = randomUUID();
    await producer.enqueue('alerts', 'dispatch-alert', {
      alertId,
      source: 'seller-sync',
      type: `seller_sync.${alert.type}`,
      severity: alert.severity,
      message: alert.message.slice(0, 4_000),
      details: alert.details,
      dedupeKey: alert.dedupeKey ?? `seller-sync.${alert.type}`,
      occurredAt: new Date().toISOString(),
    });
    return alertId;
  };
}
