import { z } from 'zod';
import { defineJob, defineQueue, retention } from '../define.js';
import { adminRef, deviceId, deviceUserId, reason } from './shared.schema.js';

export const deleteUserPayload = z.object({
  /** Row in the command/audit table; the business key of this effect. */
  commandId: z.uuid(),
  deviceId,
  deviceUserId,
  requestedBy: adminRef,
  reason,
});

/** Field limits are the ZK user record's: name 24 bytes, password 8, card a uint32. */
export const deviceUser = z.object({
  deviceUserId,
  /** Device-internal slot (uint16); omitted to let the device pick one. */
  uid: z.int().min(1).max(65_535).optional(),
  name: z.string().max(24),
  cardNumber: z.string().regex(/^\d{1,10}$/, 'must be 1-10 digits').optional(),
  /** 0 = user, 14 = administrator; other ZK roles sit in between. */
  privilege: z.int().min(0).max(14),
  // The device keeps a plain PIN; it sits in Redis until the job is evicted,
  // so it must never be logged (the runtime logger redacts `password`).
  password: z.string().max(8).optional(),
  groupId: z.int().min(0).max(99).optional(),
});

export const writeUserPayload = z.object({
  commandId: z.uuid(),
  deviceId,
  user: deviceUser,
  requestedBy: adminRef,
  reason,
});

/**
 * The ONLY path that changes a device (PLATFORM.md "who owns what"). Handlers
 * take the device lock, back up first, and record the outcome on `commandId`.
 */
export const deviceCommandsQueue = defineQueue({
  owner: 'device-poller',
  // A briefly unreachable device gets 4 retries over ~150 s (10+20+40+80); the
  // effect is keyed by commandId so a retry after a lost ack cannot repeat it.
  defaults: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, ...retention.audit },
  jobs: {
    'delete-user': defineJob({
      description: 'Delete one user from one device (admin command)',
      schema: deleteUserPayload,
      identity: (p) => ({ jobId: `delete-user.${p.commandId}` }),
    }),
    'write-user': defineJob({
      description: 'Create or overwrite one user on one device (admin command)',
      schema: writeUserPayload,
      identity: (p) => ({ jobId: `write-user.${p.commandId}` }),
    }),
  },
});
