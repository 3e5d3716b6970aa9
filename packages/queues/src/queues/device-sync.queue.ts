import { z } from 'zod';
import { defineJob, defineQueue, retention } from '../define.js';
import { deviceId, requestedByName, scheduledOrManual } from './shared.schema.js';

export const syncDevicePayload = z.object({
  deviceId,
  trigger: scheduledOrManual,
  requestedBy: requestedByName.optional(),
  /** Correlates a manual request with the HTTP call that made it. */
  requestId: z.uuid().optional(),
});

export const cleanupBufferPayload = z.object({
  /** The spec keeps buffered device-only users at least 90 days. */
  olderThanDays: z.int().min(90).optional(),
});

export const testConnectionPayload = z.object({
  deviceId,
  /** One probe per press of "test connection": its job id, so the console can poll that job. */
  requestId: z.uuid(),
  requestedBy: requestedByName,
});

/** Read-only device sync (specs 000/001); never changes a device. */
export const deviceSyncQueue = defineQueue({
  owner: 'device-poller',
  defaults: { attempts: 3, backoff: { type: 'exponential', delay: 15_000 }, ...retention.routine },
  jobs: {
    'sync-device': defineJob({
      description: 'Read users and attendance from one device into PostgreSQL',
      schema: syncDevicePayload,
      // One pending sync per device: "sync now" pressed while a sync waits or
      // runs joins it (spec 002 P17 style: prevent the duplicate, report the
      // current one) instead of stacking device round trips.
      identity: (p) => ({ dedupeId: `sync-device.${p.deviceId}` }),
    }),
    'cleanup-buffer': defineJob({
      description: 'Purge buffered device-only users past the retention window',
      schema: cleanupBufferPayload,
      identity: () => ({ dedupeId: 'cleanup-buffer' }),
      options: { attempts: 2 },
    }),
    'test-connection': defineJob({
      description: 'Ask one device who it is (counts) and report it or the typed error; reads only',
      schema: testConnectionPayload,
      identity: (p) => ({ jobId: `test-connection.${p.requestId}` }),
      // A device failure is the job's answer (its result), never a throw; only an
      // infrastructure error (PostgreSQL, the lock) fails an attempt and is retried.
      options: { attempts: 2 },
    }),
  },
});
