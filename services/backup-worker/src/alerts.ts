import { randomUUID } from 'node:crypto';
import type { Producer } from '@platform/queues';

export interface BackupAlert {
  /** `backup.failed` or `backup.stale`. */
  type: 'backup.failed' | 'backup.stale';
  severity: 'high' | 'medium' | 'low';
  message: string;
  details: Record<string, unknown>;
  /** One incident per device and type in alert-dispatcher's window. */
  dedupeKey: string;
}

/** Raises an alert; only alert-dispatcher delivers it. */
export type AlertSink = (alert: BackupAlert) => Promise<void>;

/**
 * Alerts through the `alerts` queue.
 *
 * @example
 * const alert = queueAlerts(producer, () => new Date());
 * await alert({ type: 'backup.failed', severity: 'high', message: '...', details: {}, dedupeKey: 'backup.failed.7' });
 */
export function queueAlerts(producer: Producer, clock: () => Date): AlertSink {
  return async (alert) => {
    await producer.enqueue('alerts', 'dispatch-alert', {
      alertId: randomUUID(),
      source: 'backup-worker',
      ...alert,
      occurredAt: clock().toISOString(),
    });
  };
}
