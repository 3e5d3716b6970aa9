import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '@platform/runtime';
import { configSchema } from './config.js';

const load = (env: Record<string, string>) => loadConfig(configSchema, env);

describe('alert-dispatcher config', () => {
  test('without SMTP or webhook only the log channel is configured, with documented defaults', () => {
    const config = load({});
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.WEBHOOK_URL).toBeUndefined();
    expect(config.DEDUPE_WINDOW_SECONDS).toBe(300);
    expect(config.HTTP_PORT).toBe(9105);
  });

  test('recipients are a trimmed csv of e-mail addresses', () => {
    const config = load({ SMTP_URL: 'smtp://127.0.0.1:2525', ALERT_EMAIL_TO: ' ops@x.org, oncall@x.org ,' });
    expect(config.ALERT_EMAIL_TO).toEqual(['ops@x.org', 'oncall@x.org']);
  });

  test('SMTP without recipients is refused, naming the variable', () => {
    expect(() => load({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/ALERT_EMAIL_TO: is required when SMTP_URL is set/);
  });

  test('a bad recipient is named', () => {
    expect(() => load({ SMTP_URL: 'smtp://h:25', ALERT_EMAIL_TO: 'ops@x.org,not-an-address' })).toThrow(/ALERT_EMAIL_TO/);
  });

  test('a webhook without a secret is refused; there is no default secret', () => {
    expect(() => load({ WEBHOOK_URL: 'https://hooks.example.org/alerts' })).toThrow(
      /WEBHOOK_SECRET: is required when WEBHOOK_URL is set/,
    );
    expect(load({ WEBHOOK_URL: 'https://h.example.org/a', WEBHOOK_SECRET: 's3cret-value' }).WEBHOOK_SECRET).toBe('s3cret-value');
  });

  test('the SMTP password never appears in a config error', () => {
    try {
      load({ SMTP_URL: 'smtp://ops:hunter2@mail.example.org:587' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).not.toContain('hunter2');
    }
  });

  test('non-SMTP URLs and non-positive windows are refused', () => {
    expect(() => load({ SMTP_URL: 'http://mail.example.org', ALERT_EMAIL_TO: 'a@x.org' })).toThrow(/SMTP_URL: must be an smtp/);
    expect(() => load({ DEDUPE_WINDOW_SECONDS: '0' })).toThrow(/DEDUPE_WINDOW_SECONDS/);
  });
});
