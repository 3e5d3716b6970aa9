import { createHash } from 'node:crypto';
import type { Producer } from '@platform/queues';

/**
 * A UUID (version 5 layout) derived from `parts`, so a retried job emits the
 * same alertId and BullMQ's jobId identity drops the duplicate.
 */
export function stableUuid(...parts: Array<string | number>): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface DeviceAlert {
  alertId: string;
  type: string;
  severity: 'high' | 'medium' | 'low';
  message: string;
  details: Record<string, unknown>;
  dedupeKey?: string;
}

/** Enqueues `alerts/dispatch-alert` from device-poller; alert-dispatcher delivers it. */
export async function emitAlert(producer: Producer, alert: DeviceAlert): Promise<string> {
  const job = await producer.enqueue('alerts', 'dispatch-alert', {
    ...alert,
    source: 'device-poller',
    occurredAt: new Date().toISOString(),
  });
  return job.id;
}
