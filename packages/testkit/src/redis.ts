import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './env.js';

/** A connection to the test Redis; BullMQ-compatible (`maxRetriesPerRequest: null`). */
export function createTestRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
}

/** A key prefix no other test uses, e.g. `t-3fa9c1d2e4`. */
export function uniquePrefix(): string {
  return `t-${randomBytes(5).toString('hex')}`;
}

/** Removes every key under `prefix` (SCAN, never KEYS: Redis stays responsive). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let removed = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}
