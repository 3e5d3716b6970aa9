import { describe, expect, test } from 'vitest';
import { loadConfig } from '@platform/runtime';
import { configSchema } from './config.js';

const base = { DATABASE_URL: 'postgres://x@127.0.0.1/x', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('device-poller config', () => {
  test('DEVICE_LOCK_MAX_HOLD_MS: one 5-minute poll window by default, an override, nonsense refused', () => {
    expect(loadConfig(configSchema, base).DEVICE_LOCK_MAX_HOLD_MS).toBe(300_000);
    expect(loadConfig(configSchema, { ...base, DEVICE_LOCK_MAX_HOLD_MS: '900000' }).DEVICE_LOCK_MAX_HOLD_MS).toBe(900_000);
    for (const bad of ['0', '999', '-5', '1.5', 'ten minutes']) expect(() => loadConfig(configSchema, { ...base, DEVICE_LOCK_MAX_HOLD_MS: bad })).toThrow(/DEVICE_LOCK_MAX_HOLD_MS/);
  });

  test('POLL_SCHEDULE_SLACK_SECONDS: 60 by default; it must leave a poll interval of at least a minute', () => {
    expect(loadConfig(configSchema, base).POLL_SCHEDULE_SLACK_SECONDS).toBe(60);
    expect(loadConfig(configSchema, { ...base, POLL_SCHEDULE_SLACK_SECONDS: '240' }).POLL_SCHEDULE_SLACK_SECONDS).toBe(240);
    for (const bad of ['0', '241', '30.5', 'x']) expect(() => loadConfig(configSchema, { ...base, POLL_SCHEDULE_SLACK_SECONDS: bad })).toThrow(/POLL_SCHEDULE_SLACK_SECONDS/);
  });
});
