import type { PollerConfig } from './config.js';
import type { PollerOptions } from './poller.js';

/** Everything createPoller takes from the environment; the clients come from whoever owns them. */
export type PollerSettings = Omit<PollerOptions, 'db' | 'redis' | 'prefix' | 'log' | 'registry' | 'lockKeyPrefix'>;

/** The one mapping from device-poller's config to createPoller (main.ts and the e2e in-process worker share it). */
export function pollerSettings(config: PollerConfig): PollerSettings {
  return {
    batchSize: config.SYNC_BATCH_SIZE,
    syncConcurrency: config.SYNC_CONCURRENCY,
    alertAfterFailures: config.HEALTH_ALERT_AFTER_FAILURES,
    retentionDays: config.BUFFER_RETENTION_DAYS,
    cleanupCron: config.BUFFER_CLEANUP_CRON,
    pollSlackMs: config.POLL_SCHEDULE_SLACK_SECONDS * 1000,
    reconcileMs: config.SCHEDULE_RECONCILE_MS,
    lockTtlMs: config.DEVICE_LOCK_TTL_MS,
    lockMaxHoldMs: config.DEVICE_LOCK_MAX_HOLD_MS,
    backup: { mode: config.PRE_WRITE_BACKUP, timeoutMs: config.PRE_WRITE_BACKUP_TIMEOUT_MS },
    client: {
      connectTimeoutMs: config.DEVICE_CONNECT_TIMEOUT_MS,
      commandTimeoutMs: config.DEVICE_COMMAND_TIMEOUT_MS,
      resilience: { attempts: 3, failureThreshold: config.DEVICE_BREAKER_FAILURES, cooldownMs: config.DEVICE_BREAKER_COOLDOWN_MS },
    },
  };
}
