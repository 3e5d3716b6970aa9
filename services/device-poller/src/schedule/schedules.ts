import type { DeviceTarget } from '@platform/device-access';
import type { Producer } from '@platform/queues';

/** Seed 000 Property 22: every device is polled at least once in any 5-minute window. */
export const MAX_POLL_INTERVAL_MS = 300_000;

/** The device's configured interval, capped so a slow setting cannot break the 5-minute promise. */
export function pollEveryMs(device: Pick<DeviceTarget, 'pollIntervalSeconds'>): number {
  return Math.min(device.pollIntervalSeconds * 1000, MAX_POLL_INTERVAL_MS);
}

const SYNC_SCHEDULER = /^sync-device\.(\d+)$/;

/**
 * Makes the BullMQ job schedulers match the enabled devices: one
 * `sync-device.<id>` every `pollEveryMs`, none for disabled or removed
 * devices, plus the daily buffer clean-up. Idempotent: run on every boot and
 * periodically, so a device added through the admin API starts being polled.
 */
export async function reconcileSchedules(producer: Producer, enabled: readonly DeviceTarget[], cleanupPattern: string): Promise<{ scheduled: number[]; removed: string[] }> {
  const wanted = new Set(enabled.map((d) => d.id));
  for (const d of enabled) await producer.schedule('device-sync', 'sync-device', { deviceId: d.id, trigger: 'scheduled' }, { every: pollEveryMs(d) });
  await producer.schedule('device-sync', 'cleanup-buffer', {}, { pattern: cleanupPattern, tz: 'UTC' });
  const removed: string[] = [];
  for (const s of await producer.queue('device-sync').getJobSchedulers()) {
    const id = s.key.match(SYNC_SCHEDULER)?.[1];
    if (id !== undefined && !wanted.has(Number(id))) {
      await producer.unschedule('device-sync', s.key);
      removed.push(s.key);
    }
  }
  return { scheduled: [...wanted], removed };
}
