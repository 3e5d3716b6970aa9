import { z } from 'zod';
import { defineJob, defineQueue, retention } from '../define.js';
import { adminRef, deviceId, reason } from './shared.schema.js';

export const backupDevicePayload = z.object({
  deviceId,
  trigger: z.enum(['scheduled', 'manual', 'pre-write']),
  reason: reason.optional(),
});

/** A file name under the backup directory; no absolute paths, no `..`. */
export const backupFile = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\w.-]+(\/[\w.-]+)*$/, 'must be a relative path of letters, digits, ".", "_", "-"')
  .refine((v) => !v.split('/').includes('..'), 'must not contain ".."');

export const restoreDevicePayload = z.object({
  restoreId: z.uuid(),
  deviceId,
  backupFile,
  /** True: compute and report the diff, change nothing on the device. */
  dryRun: z.boolean(),
  requestedBy: adminRef,
});

export const backupsQueue = defineQueue({
  owner: 'backup-worker',
  defaults: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, ...retention.routine },
  jobs: {
    'backup-device': defineJob({
      description: 'Snapshot all users of one device to a backup file',
      schema: backupDevicePayload,
      // A backup request must be answered by a snapshot taken after it was
      // made: join a waiting one, but queue a follow-up if one is running.
      identity: (p) => ({ dedupeId: `backup-device.${p.deviceId}`, rerunIfActive: true }),
    }),
    'restore-device': defineJob({
      description: 'Restore (or dry-run) one device from a backup file (admin command)',
      schema: restoreDevicePayload,
      identity: (p) => ({ jobId: `restore-device.${p.restoreId}` }),
      // A restore writes to the device: one retry at most, and kept as audit evidence.
      options: { attempts: 2, ...retention.audit },
    }),
  },
});
