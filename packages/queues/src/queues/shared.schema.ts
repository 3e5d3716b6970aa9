import { z } from 'zod';

/*
 * Payload schemas are a persisted API: jobs written by the previous deploy
 * are still in Redis (waiting, delayed, retrying) when the new worker starts.
 * - A new field is always `.optional()` (or has `.default()`), otherwise every
 *   job enqueued before the deploy fails validation and is lost to the failed set.
 * - Never narrow or rename an existing field; add a new one and stop reading the old.
 * - Objects are `z.object` (unknown keys stripped), not strict: during a rolling
 *   deploy a newer producer may already send a field this worker does not know.
 */

/** Primary key of `attendance.devices`. */
export const deviceId = z.int().positive();

/** The admin who asked for an effect; copied into the audit trail by the consumer. */
export const adminRef = z.object({
  adminId: z.string().min(1).max(64),
  username: z.string().min(1).max(100),
});

/** Username of whoever pressed "sync now"; absent for scheduled runs. */
export const requestedByName = z.string().min(1).max(100);

export const scheduledOrManual = z.enum(['scheduled', 'manual']);

/** ZKTeco user id as the device stores it: 1-9 decimal digits. */
export const deviceUserId = z.string().regex(/^\d{1,9}$/, 'must be 1-9 digits, as the device stores it');

/** Free text shown in the audit log; an effect without a reason is not accepted. */
export const reason = z.string().trim().min(1, 'must not be empty').max(500);
