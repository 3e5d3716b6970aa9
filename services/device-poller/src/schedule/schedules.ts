import type { DeviceTarget } from '@platform/device-access';
import type { Producer } from '@platform/queues';

/** Seed 000 Property 22: every device is polled at least once in any 5-minute window. */
export const MAX_POLL_INTERVAL_MS = 300_000;

/**
 * Milliseconds between scheduled polls of a device: its configured interval,
 * capped at the 5-minute promise minus `slackMs`. BullMQ fires on fixed slots
 * (`next`, `next + every`, ...) and a job starts late when the queue is busy or
 * the device lock is taken; two polls are then up to `every + lateness` apart.
 * A cap of exactly 5 minutes broke the promise at the first late start; with
 * the slack, any start up to `slackMs` late still keeps every window covered.
 */
export function pollEveryMs(device: Pick<DeviceTarget, 'pollIntervalSeconds'>, slackMs: number): number {
  return Math.min(device.pollIntervalSeconds * 1000, MAX_POLL_INTERVAL_MS - slackMs);
}

const SYNC_SCHEDULER = /^sync-device\.(\d+)$/;

export interface PollScheduleSettings {
  /** BUFFER_CLEANUP_CRON: the daily buffer clean-up (UTC). */
  cleanupPattern: string;
  /** POLL_SCHEDULE_SLACK_SECONDS in ms: how late a poll may start without leaving a 5-minute window empty. */
  slackMs: number;
}

/**
 * Makes the BullMQ job schedulers match the enabled devices: one
 * `sync-device.<id>` every `pollEveryMs`, none for disabled or removed
 * devices, plus the daily buffer clean-up. Idempotent: run on every boot and
 * periodically, so a device added through the admin API starts being polled.
 */
export async function reconcileSchedules(producer: Producer, enabled: readonly DeviceTarget[], settings: PollScheduleSettings): Promise<{ scheduled: number[]; removed: string[] }> {
  const wanted = new Set(enabled.map((d) => d.id));
  for (const d of enabled) await producer.schedule('device-sync', 'sync-device', { deviceId: d.id, trigger: 'scheduled' }, { every: pollEveryMs(d, settings.slackMs) });
  await producer.schedule('device-sync', 'cleanup-buffer', {}, { pattern: settings.cleanupPattern, tz: 'UTC' });
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
