import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * - `worker`: blocking BullMQ connections; BullMQ requires
 *   `maxRetriesPerRequest: null` or its workers stop after a Redis blip.
 * - `producer`: HTTP-facing enqueuers; `enableOfflineQueue: false` turns a
 *   dead Redis into an immediate error (a 503), not a request that hangs.
 * - `client`: everything else (locks, rate limits): bounded retries.
 */
export type RedisRole = 'worker' | 'producer' | 'client';

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  worker: { maxRetriesPerRequest: null },
  producer: { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
  client: { maxRetriesPerRequest: 3 },
};

export function createRedis(url: string, role: RedisRole, log?: Logger): Redis {
  const redis = new Redis(url, { ...ROLE_OPTIONS[role], lazyConnect: false, connectionName: role });
  if (log) {
    // ioredis emits 'error' on every failed reconnect; unhandled, it crashes the process.
    redis.on('error', (error) => log.warn({ err: error, role }, 'redis connection error'));
  }
  return redis;
}

/** Readiness probe for a Redis connection. */
export const redisReady = (redis: Redis) => async (): Promise<void> => {
  await redis.ping();
};
