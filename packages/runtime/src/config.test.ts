import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, csv, loadConfig, redactUrl, serviceEnv } from './config.js';

const schema = serviceEnv.extend({ HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(9101) });

describe('loadConfig', () => {
  it('fills local defaults when nothing is set', () => {
    const config = loadConfig(schema, {});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/platform');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.HTTP_PORT).toBe(9101);
    expect(config.LOG_PRETTY).toBe(false);
  });

  it('coerces numbers and booleans from strings', () => {
    const config = loadConfig(schema, { HTTP_PORT: '8080', LOG_PRETTY: 'true', DATABASE_POOL_MAX: '3' });
    expect(config).toMatchObject({ HTTP_PORT: 8080, LOG_PRETTY: true, DATABASE_POOL_MAX: 3 });
  });

  it('names the bad variable and the value it got', () => {
    expect(() => loadConfig(schema, { REDIS_URL: 'nonsense' })).toThrowError(
      /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL.*\(got "nonsense"\)/,
    );
  });

  it('reports every bad variable at once, not just the first', () => {
    try {
      loadConfig(schema, { REDIS_URL: 'nonsense', HTTP_PORT: '70000', LOG_LEVEL: 'loud' });
      expect.unreachable('loadConfig accepted bad values');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).issues.map((issue) => issue.split(':')[0]);
      expect(variables.sort()).toEqual(['HTTP_PORT', 'LOG_LEVEL', 'REDIS_URL']);
    }
  });

  it('never echoes a password from a bad URL', () => {
    const bad = 'mysql://admin:hunter2@db:3306/x';
    expect(() => loadConfig(schema, { DATABASE_URL: bad })).toThrowError(/DATABASE_URL/);
    expect(() => loadConfig(schema, { DATABASE_URL: bad })).not.toThrowError(/hunter2/);
  });

  it('says when a required variable is missing', () => {
    const required = z.object({ SMTP_URL: z.string().min(1) });
    expect(() => loadConfig(required, {})).toThrowError(/SMTP_URL: .*\(it is not set\)/);
  });
});

describe('redactUrl', () => {
  it('hides only the password', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/platform')).toBe('postgres://app:***@db:5432/platform');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('csv', () => {
  it('splits and trims, dropping empty entries', () => {
    expect(csv.parse(' a@x.org, b@x.org ,,')).toEqual(['a@x.org', 'b@x.org']);
  });
});
