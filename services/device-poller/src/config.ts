import { z } from 'zod';
import { serviceEnv } from '@platform/runtime';

/** device-poller's environment; see packages/runtime `serviceEnv` for the shared variables. */
export const configSchema = serviceEnv.extend({
  HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(9101),
  /** Users/punches per transaction: one UNNEST statement each (punches use 5x this). */
  SYNC_BATCH_SIZE: z.coerce.number().int().min(1).max(20_000).default(2_000),
  /** Parallel sync jobs in this process (different devices; one device is serialized by its lock). */
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Consecutive failed sessions before a `device.unreachable` alert (seed 000: 3). */
  HEALTH_ALERT_AFTER_FAILURES: z.coerce.number().int().min(1).default(3),
  /** Unmapped buffer rows unseen this long are purged; the spec keeps them at least 90 days. */
  BUFFER_RETENTION_DAYS: z.coerce.number().int().min(90).default(90),
  /** Cron (UTC) of the buffer clean-up job. */
  BUFFER_CLEANUP_CRON: z.string().min(9).default('17 3 * * *'),
  /**
   * How late a scheduled poll may start (busy queue, device lock taken) and still leave no
   * 5-minute window without a poll (seed 000 Property 22): polls are scheduled at most every
   * 300 s minus this. 60 s: a device is polled at least every 4 minutes.
   */
  POLL_SCHEDULE_SLACK_SECONDS: z.coerce.number().int().min(1).max(240).default(60),
  /** How often enabled devices are re-read to add or remove poll schedules. */
  SCHEDULE_RECONCILE_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** `wait`: admin writes wait for backup-worker's pre-write backup; `enqueue`: request it and go on. */
  PRE_WRITE_BACKUP: z.enum(['wait', 'enqueue']).default('wait'),
  PRE_WRITE_BACKUP_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(120_000),
  /** Device client: per-connect and per-command timeouts. */
  DEVICE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DEVICE_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Breaker (seed 000): opens after this many failed operations, for DEVICE_BREAKER_COOLDOWN_MS. */
  DEVICE_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
  DEVICE_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(1_000).default(600_000),
  /**
   * Redis ttl of a device lock, extended every third of it while held: how long a poller that
   * died mid-sync keeps its device locked (its fence lease ends with it, so its writes stop too).
   */
  DEVICE_LOCK_TTL_MS: z.coerce.number().int().min(1_000).default(30_000),
  /**
   * Longest a sync or device command may hold a device (seed 000 Property 19): past it the lock is
   * given up, the job fails and its fenced writes stop. 5 min by default, one poll window; raise it
   * for a device whose full read is slower (tens of thousands of punches on a slow link).
   */
  DEVICE_LOCK_MAX_HOLD_MS: z.coerce.number().int().min(1_000).default(300_000),
});
export type PollerConfig = z.infer<typeof configSchema>;
