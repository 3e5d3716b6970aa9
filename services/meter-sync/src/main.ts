import { hostname } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb } from '@platform/db';
import { createLockClients, createLockManager } from '@platform/lock';
import { createProducer, createWorker } from '@platform/queues';
import {
  createLogger,
  createMetrics,
  createOpsServer,
  createRedis,
  listenOrExit,
  loadConfigOrExit,
  redisReady,
  ShutdownManager,
} from '@platform/runtime';
import { clientSystemUrl, configSchema } from './config.js';
import { meteringEntities } from './entities/index.js';
import { syncOrder } from './engine/dependency-order.js';
import { syncTenantJob } from './jobs/sync-tenant.job.js';
import { createSyncMetrics } from './metrics.js';

const SERVICE = 'meter-sync';

// 1. config: a bad variable ends the process here with one line (exit 78).
const config = loadConfigOrExit(SERVICE, configSchema, process.env);

// 2. logger and metrics
const log = createLogger({ service: SERVICE, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
const metrics = createMetrics(SERVICE);

// 3. clients
const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: SERVICE });
const redis = createRedis(config.REDIS_URL, 'worker', log);
// The engine speaks raw SQL and COPY, which kysely does not: its own small pools.
// A run holds one connection per side for its whole length (its TEMP staging tables live there).
const onIdleError = (err: Error) => log.warn({ err }, 'idle PostgreSQL connection failed');
const local = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2, application_name: `${SERVICE}-engine` });
const remote = new pg.Pool({ connectionString: clientSystemUrl(config), max: 2, application_name: SERVICE });
local.on('error', onIdleError);
remote.on('error', onIdleError);

// 4. workers and producers. Bad entity metadata (a cycle, an unknown parent) stops the process here.
syncOrder(meteringEntities);
const producer = createProducer({ connection: redis, prefix: config.QUEUE_PREFIX });
// REDIS_LOCK_URLS: Redlock's quorum over independent Redis servers; unset, the lock uses `redis`.
const lockRedis = createLockClients(config.REDIS_LOCK_URLS, redis, log);
const locks = createLockManager({ redis: lockRedis.clients, db, log, owner: `${SERVICE}@${hostname()}`, defaults: { maxHoldMs: 60 * 60_000, ttlMs: config.METER_SYNC_LOCK_TTL_MS } });
const worker = createWorker(
  'meter-sync',
  { 'sync-tenant': syncTenantJob({ db, local, remote, entities: meteringEntities, locks, producer, metrics: createSyncMetrics(metrics) }) },
  // Concurrency 1: runs share device/device_register and serialise on an advisory lock anyway.
  { connection: redis, prefix: config.QUEUE_PREFIX, log, autorun: false },
);

// 5. HTTP: health and metrics
const shutdown = new ShutdownManager(log, config.SHUTDOWN_TIMEOUT_MS);
const http = createOpsServer({
  log,
  metrics,
  isAccepting: shutdown.isAccepting,
  checks: { postgres: () => sql`SELECT 1`.execute(db), redis: redisReady(redis) },
});

// 6. shutdown, in reverse order of dependency
shutdown
  .add('http', () => http.close())
  // A run in flight finishes; if the deadline kills it, each entity step is its own transaction.
  .add('worker', () => worker.close())
  .add('queues', () => producer.close())
  .add('redis', () => Promise.all([redis.quit(), lockRedis.close()]))
  .add('postgres', async () => {
    await Promise.all([db.destroy(), local.end(), remote.end()]);
  });
shutdown.listen();

// 7. start
const address = await listenOrExit(http, config.HTTP_HOST, config.HTTP_PORT, log);
// Idempotent: the scheduler id is the tenant's dedupe id, so every boot updates the same schedule.
for (const tenantId of config.METER_SYNC_TENANTS) {
  await producer.schedule('meter-sync', 'sync-tenant', { tenantId, trigger: 'scheduled' }, { every: config.METER_SYNC_INTERVAL_MS });
}
void worker.run();
log.info({ address, metrics: `${address}/metrics`, tenants: config.METER_SYNC_TENANTS, intervalMs: config.METER_SYNC_INTERVAL_MS }, `${SERVICE} ready`);
