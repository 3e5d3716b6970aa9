import { createRedis, type Logger, type RedisClient } from '@platform/runtime';

export interface LockClients {
  /** What `createLockManager({ redis })` takes. */
  clients: RedisClient[];
  /** Closes the connections opened here (never the shared fallback). */
  close(): Promise<void>;
}

/**
 * The Redis masters the lock votes on. `REDIS_LOCK_URLS` empty: the service's
 * own connection (one instance, fine for dev and for a Redis Cluster whose
 * failover you accept). Set it to 3 or 5 independent servers (not replicas of
 * each other) for Redlock's quorum: a lock is held while a majority grant it,
 * so 3 ride out one lost instance and 5 ride out two.
 *
 * @example
 * const lockRedis = createLockClients(config.REDIS_LOCK_URLS, redis, log);
 * const locks = createLockManager({ redis: lockRedis.clients, db, log, owner });
 */
export function createLockClients(urls: readonly string[], fallback: RedisClient | undefined, log?: Logger): LockClients {
  if (urls.length === 0) {
    if (!fallback) throw new TypeError('createLockClients: no lock Redis URLs and no fallback connection');
    return { clients: [fallback], close: async () => undefined };
  }
  const clients = urls.map((url) => createRedis(url, 'client', log));
  return {
    clients,
    async close() {
      // quit() waits for a reply a dead instance never sends; a minority may be down at shutdown.
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
