import { describe, expect, it } from 'vitest';
import { loadConfig, serviceEnv } from './config.js';
import { hashTagOf, parseRedisTarget, QUEUE_PREFIX_PATTERN } from './redis-target.js';

const schema = serviceEnv.extend({ HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(9101) });

describe('parseRedisTarget', () => {
  it('keeps a single-server URL as it is', () => {
    expect(parseRedisTarget('rediss://:pw@cache:6380/2')).toEqual({ kind: 'single', url: 'rediss://:pw@cache:6380/2' });
  });

  it('reads the seed nodes, credentials and TLS of a cluster URL', () => {
    expect(parseRedisTarget('rediss+cluster://app:p%40ss@10.0.0.1:7000,[::1]:7001,redis-2:7002/')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '::1', port: 7001 },
        { host: 'redis-2', port: 7002 },
      ],
      username: 'app',
      password: 'p@ss',
      tls: true,
    });
  });

  it.each([
    ['redis+cluster://', /at least one host:port/],
    ['redis+cluster://a:7000,b', /"b" is not host:port/],
    ['redis+cluster://a:70000', /"a:70000" is not host:port/],
    ['http://a:6379', /must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('refuses %s with the reason', (url, reason) => {
    expect(() => parseRedisTarget(url)).toThrowError(reason);
  });
});

describe('REDIS_CLUSTER_NODES', () => {
  it('becomes a redis+cluster:// REDIS_URL', () => {
    const config = loadConfig(schema, { REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7000' });
    expect(config.REDIS_URL).toBe('redis+cluster://10.0.0.1:7000,10.0.0.2:7000');
  });

  it('may not be combined with REDIS_URL', () => {
    expect(() => loadConfig(schema, { REDIS_CLUSTER_NODES: 'a:7000', REDIS_URL: 'redis://b:6379' })).toThrowError(/REDIS_CLUSTER_NODES: set either/);
  });

  it('names a malformed node', () => {
    expect(() => loadConfig(schema, { REDIS_CLUSTER_NODES: 'a:7000,nonsense' })).toThrowError(/REDIS_CLUSTER_NODES: .*"nonsense" is not host:port/);
  });
});

describe('QUEUE_PREFIX', () => {
  it('defaults to a hash-tagged prefix, so the same setting works on a cluster', () => {
    expect(loadConfig(schema, {}).QUEUE_PREFIX).toBe('{platform}');
    expect(hashTagOf('{platform}')).toBe('platform');
  });

  it.each(['platform', '{platform}', 'staging:{platform}', '{t-1}:x'])('accepts %s', (prefix) => {
    expect(loadConfig(schema, { QUEUE_PREFIX: prefix }).QUEUE_PREFIX).toBe(prefix);
  });

  it.each(['{}', '{a}{b}', '{a', 'a}', '{a{b}}', 'a b', ''])('refuses %j', (prefix) => {
    expect(QUEUE_PREFIX_PATTERN.test(prefix) && prefix.length > 0).toBe(false);
    expect(() => loadConfig(schema, { QUEUE_PREFIX: prefix })).toThrowError(/QUEUE_PREFIX/);
  });
});

describe('REDIS_LOCK_URLS', () => {
  it('is empty by default (the lock then uses REDIS_URL) and lists independent servers otherwise', () => {
    expect(loadConfig(schema, {}).REDIS_LOCK_URLS).toEqual([]);
    expect(loadConfig(schema, { REDIS_LOCK_URLS: 'redis://a:6379, redis://b:6379,redis://c:6379' }).REDIS_LOCK_URLS).toEqual([
      'redis://a:6379',
      'redis://b:6379',
      'redis://c:6379',
    ]);
  });

  it('names a bad entry', () => {
    expect(() => loadConfig(schema, { REDIS_LOCK_URLS: 'redis://a:6379,nonsense' })).toThrowError(/REDIS_LOCK_URLS/);
  });
});
