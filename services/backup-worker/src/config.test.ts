import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '@platform/runtime';
import { configSchema } from './config.js';

describe('backup-worker config', () => {
  test('defaults: 6-hour backups fired 10 minutes early, 30-day retention, BullMQ schedules', () => {
    expect(loadConfig(configSchema, {})).toMatchObject({
      HTTP_PORT: 9106,
      BACKUP_INTERVAL_HOURS: 6,
      BACKUP_SCHEDULE_SLACK_MINUTES: 10,
      BACKUP_SCHEDULER: 'bullmq',
      BACKUP_RETENTION_DAYS: 30,
      BACKUP_STALE_HOURS: 13,
    });
  });

  test('refuses a retention under the 30 days seed 000 requires, naming the variable', () => {
    expect(() => loadConfig(configSchema, { BACKUP_RETENTION_DAYS: '7' })).toThrow(ConfigError);
    expect(() => loadConfig(configSchema, { BACKUP_RETENTION_DAYS: '7' })).toThrow(/BACKUP_RETENTION_DAYS/);
    expect(() => loadConfig(configSchema, { BACKUP_SCHEDULER: 'cron' })).toThrow(/BACKUP_SCHEDULER/);
  });
});
