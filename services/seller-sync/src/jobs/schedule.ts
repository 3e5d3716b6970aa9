import type { Producer } from '@platform/queues';
import type { SyncSettings } from '../config/sync-settings.schema.js';

// Scheduled iterations carry this placeholder; the handler derives each run's id from the job id.
export const SCHEDULED_SYNC_ID = '00000000-0000-4000-8000-000000000000';

/** Upserts the sync schedule; called at boot and whenever syncIntervalMinutes changes. */
export async function applySchedule(producer: Producer, settings: SyncSettings): Promise<void> {
  await producer.schedule('seller-sync', 'sync-sellers', { syncId: SCHEDULED_SYNC_ID, trigger: 'scheduled' }, { every: settings.syncIntervalMinutes * 60_000 });
}

/** When the next scheduled sync is due, from BullMQ's job scheduler (dashboard, Property 18). */
export async function nextScheduledSync(producer: Producer): Promise<Date | null> {
  const scheduler = await producer.queue('seller-sync').getJobScheduler('sync-sellers');
  return scheduler?.next ? new Date(scheduler.next) : null;
}
