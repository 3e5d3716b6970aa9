import { describe, expect, it } from 'vitest';
import { loadConfig } from '@platform/runtime';
import { configSchema } from './config.js';

describe('admin-gateway config', () => {
  it('runs in development without a JWT secret (an ephemeral key is made at boot)', () => {
    expect(loadConfig(configSchema, {}).JWT_SECRET).toBeUndefined();
  });
  it('refuses production without JWT_SECRET, naming the variable', () => {
    expect(() => loadConfig(configSchema, { NODE_ENV: 'production' })).toThrowError(/JWT_SECRET: is required unless NODE_ENV=development/);
  });
  it('refuses a secret shorter than the HS256 key size', () => {
    expect(() => loadConfig(configSchema, { NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrowError(/JWT_SECRET: must be at least 32/);
  });
  it('reads TTL and login limits as numbers', () => {
    const config = loadConfig(configSchema, { JWT_TTL_SECONDS: '600', LOGIN_RATE_MAX: '3', HTTP_PORT: '8080' });
    expect(config).toMatchObject({ JWT_TTL_SECONDS: 600, LOGIN_RATE_MAX: 3, HTTP_PORT: 8080, JWT_ISSUER: 'platform-admin-gateway' });
  });
});
