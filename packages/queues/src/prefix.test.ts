import { Cluster } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { assertQueuePrefix } from './prefix.js';

describe('assertQueuePrefix', () => {
  // lazyConnect: the check only looks at the client's kind; nothing is dialled.
  const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true });

  it('accepts a hash-tagged prefix on a cluster and any valid prefix on a single server', () => {
    expect(() => assertQueuePrefix(cluster, '{platform}')).not.toThrow();
    expect(() => assertQueuePrefix({ host: '127.0.0.1' }, 'platform')).not.toThrow();
  });

  it('refuses a prefix without a hash tag on a cluster, saying what to set', () => {
    expect(() => assertQueuePrefix(cluster, 'platform')).toThrowError(/no \{hash tag\}; on Redis Cluster set QUEUE_PREFIX to e\.g\. \{platform\}/);
  });

  it('refuses a malformed prefix anywhere', () => {
    expect(() => assertQueuePrefix({ host: '127.0.0.1' }, '{a}{b}')).toThrowError(/invalid/);
  });
});
