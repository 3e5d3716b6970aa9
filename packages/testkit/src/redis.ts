import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis, isCluster, parseRedisTarget, type RedisClient } from '@platform/runtime';
import { TEST_REDIS_URL } from './env.js';

/**
 * A connection to the test Redis (a single server, or a Redis Cluster when
 * TEST_REDIS_URL is `redis+cluster://...`); BullMQ-compatible (`worker` role).
 *
 * Typed `Redis` although it may be a `Cluster`: dozens of test fixtures take
 * a `Redis`, and the suites run on a cluster (queues, lock, e2e boot) only
 * use the command API both share. Production code takes `RedisClient`.
 */
export function createTestRedis(): Redis {
  return createRedis(TEST_REDIS_URL, 'worker') as Redis;
}

/** True when the tests run against a Redis Cluster (`scripts/with-redis-cluster.ts`). */
export const TEST_REDIS_IS_CLUSTER = parseRedisTarget(TEST_REDIS_URL).kind === 'cluster';

/**
 * A key prefix no other test uses, e.g. `t-3fa9c1d2e4`; `{t-3fa9c1d2e4}` on a
 * cluster, where a queue prefix needs a hash tag (single servers keep the
 * plain form so nothing else in the suite changes).
 */
export function uniquePrefix(): string {
  const id = `t-${randomBytes(5).toString('hex')}`;
  return TEST_REDIS_IS_CLUSTER ? `{${id}}` : id;
}

/** Every key matching `pattern`, over every master of a cluster (SCAN, never KEYS: Redis stays responsive). */
export async function scanKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
  const keys: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
  }
  return keys;
}

/** Removes every key under `prefix`. */
export async function deleteKeys(redis: RedisClient, prefix: string): Promise<number> {
  const keys = await scanKeys(redis, `${prefix}*`);
  // One key per UNLINK: keys of different slots cannot share a command on a cluster.
  const removed = await Promise.all(keys.map((key) => redis.unlink(key)));
  return removed.reduce((sum, n) => sum + n, 0);
}
