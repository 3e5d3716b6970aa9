import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { parseRedisTarget } from './redis-target.js';

/**
 * - `worker`: blocking BullMQ connections; BullMQ requires
 *   `maxRetriesPerRequest: null` or its workers stop after a Redis blip.
 * - `producer`: HTTP-facing enqueuers; `enableOfflineQueue: false` turns a
 *   dead Redis into an immediate error (a 503), not a request that hangs.
 * - `client`: everything else (locks, rate limits): bounded retries.
 */
export type RedisRole = 'worker' | 'producer' | 'client';

/** A single server or a Redis Cluster; BullMQ, redlock and the rate limiter take either. */
export type RedisClient = Redis | Cluster;

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  worker: { maxRetriesPerRequest: null },
  producer: { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
  client: { maxRetriesPerRequest: 3 },
};

/**
 * Opens the platform's Redis: `redis://` / `rediss://` give one connection,
 * `redis+cluster://h1:p1,h2:p2` an ioredis `Cluster` over those seed nodes
 * (`REDIS_CLUSTER_NODES` is folded into that form by `loadConfig`).
 */
export function createRedis(url: string, role: RedisRole, log?: Logger): RedisClient {
  const target = parseRedisTarget(url);
  const options: RedisOptions = { ...ROLE_OPTIONS[role], lazyConnect: false, connectionName: role };
  const redis =
    target.kind === 'single'
      ? new Redis(url, options)
      : new Cluster(target.nodes, {
          // The producer's fail-fast rule must hold for the cluster's own queue too.
          enableOfflineQueue: options.enableOfflineQueue ?? true,
          redisOptions: {
            ...options,
            ...(target.username === undefined ? {} : { username: target.username }),
            ...(target.password === undefined ? {} : { password: target.password }),
            ...(target.tls ? { tls: {} } : {}),
          },
        });
  if (log) {
    // ioredis emits 'error' on every failed reconnect; unhandled, it crashes the process.
    redis.on('error', (error: Error) => log.warn({ err: error, role }, 'redis connection error'));
  }
  return redis;
}

/** True for a Redis Cluster client (ioredis sets `isCluster` on `Cluster` only). */
export function isCluster(redis: RedisClient): redis is Cluster {
  return (redis as Partial<Cluster>).isCluster === true;
}

/** Readiness probe for a Redis connection (a cluster answers when its slots are served). */
export const redisReady = (redis: RedisClient) => async (): Promise<void> => {
  await redis.ping();
};
