import type { Producer } from '@platform/queues';

const SCHEDULER_ID = /^backup-device\.(\d+)$/;

export interface ScheduleSettings {
  intervalHours: number;
  slackMinutes: number;
  /** `external`: a k8s CronJob enqueues backups; every BullMQ schedule of ours is removed. */
  mode: 'bullmq' | 'external';
}

/** Milliseconds between scheduled backups: the interval minus the slack, never under a minute. */
export function scheduleEveryMs(s: Pick<ScheduleSettings, 'intervalHours' | 'slackMinutes'>): number {
  return Math.max(60_000, Math.round(s.intervalHours * 3_600_000 - s.slackMinutes * 60_000));
}

/**
 * Makes the `backups` queue's job schedulers match the enabled devices: one
 * `backup-device.<id>` scheduler each (upsert keeps its next run when nothing
 * changed), none for devices that were disabled or removed. Runs on boot and
 * on every check tick, so a device added at run time is backed up without a restart.
 */
export async function reconcileSchedules(
  producer: Producer,
  enabledDeviceIds: readonly number[],
  settings: ScheduleSettings,
): Promise<{ scheduled: number[]; removed: string[] }> {
  const wanted = new Set(settings.mode === 'bullmq' ? enabledDeviceIds : []);
  const existing = await producer.queue('backups').getJobSchedulers(0, -1);
  const removed: string[] = [];
  for (const s of existing) {
    const id = s.key ?? (s as { id?: string }).id;
    const m = id ? SCHEDULER_ID.exec(id) : null;
    if (m && !wanted.has(Number(m[1]))) {
      await producer.unschedule('backups', id!);
      removed.push(id!);
    }
  }
  const every = scheduleEveryMs(settings);
  for (const deviceId of wanted) {
    await producer.schedule('backups', 'backup-device', { deviceId, trigger: 'scheduled' }, { every });
  }
  return { scheduled: [...wanted], removed };
}
