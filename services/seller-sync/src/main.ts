import { sql } from 'kysely';
import { createDb } from '@platform/db';
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
import { createLockClients, createLockManager } from '@platform/lock';
import { createProducer, createWorker } from '@platform/queues';
import { createSheetsReader } from '@platform/sheets';
import { hostname } from 'node:os';
import { queueAlertSink } from './alerts/alert-sink.js';
import { configSchema } from './config.js';
import { watchSyncSettings } from './config/sync-settings.store.js';
import { applySchedule } from './jobs/schedule.js';
import { sellerSyncHandlers } from './jobs/seller-sync.jobs.js';
import { createPromMetrics } from './metrics/sync-metrics.js';
import type { SyncDeps } from './sync/run-sync.js';

const SERVICE = 'seller-sync';

// 1. config: a bad variable ends the process here with one line (exit 78).
const config = loadConfigOrExit(SERVICE, configSchema, process.env);

// 2. logger and metrics
const log = createLogger({ service: SERVICE, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
const metrics = createMetrics(SERVICE);

// 3. clients
const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: SERVICE });
const redis = createRedis(config.REDIS_URL, 'worker', log);

// 4. workers and producers
const producer = createProducer({ connection: redis, prefix: config.QUEUE_PREFIX });
// Settings live in sellers.sync_config; a change is picked up within SYNC_CONFIG_POLL_MS, schedule included.
const settings = await watchSyncSettings(db, {
  pollMs: config.SYNC_CONFIG_POLL_MS,
  log,
  onChange: async (next, previous) => {
    if (next.syncIntervalMinutes !== previous.syncIntervalMinutes) await applySchedule(producer, next);
  },
});
await applySchedule(producer, settings.current());
const deps: SyncDeps = {
  db,
  log,
  alert: queueAlertSink(producer),
  metrics: createPromMetrics(metrics),
  settings: settings.current,
  batchSize: config.SYNC_BATCH_SIZE,
  // Built per run so a changed retry policy applies to the next run without a restart.
  reader: (onRetry) =>
    createSheetsReader({
      spreadsheetId: config.SELLERS_SPREADSHEET_ID,
      sheetName: config.SELLERS_SHEET_NAME,
      rootUrl: config.SHEETS_ROOT_URL,
      retry: settings.current().retryConfig,
      onRetry,
    }),
};
// REDIS_LOCK_URLS: Redlock's quorum over independent Redis servers; unset, the lock uses `redis`.
const lockRedis = createLockClients(config.REDIS_LOCK_URLS, redis, log);
const locks = createLockManager({ redis: lockRedis.clients, db, log, owner: `${SERVICE}@${hostname()}` });
const worker = createWorker('seller-sync', sellerSyncHandlers(deps, locks), { connection: redis, prefix: config.QUEUE_PREFIX, log, concurrency: 1 });

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
  .add('settings', async () => settings.stop())
  .add('worker', () => worker.close())
  .add('producer', () => producer.close())
  .add('redis', () => Promise.all([redis.quit(), lockRedis.close()]))
  .add('postgres', () => db.destroy());
shutdown.listen();

// 7. start
const address = await listenOrExit(http, config.HTTP_HOST, config.HTTP_PORT, log);
log.info({ address, metrics: `${address}/metrics` }, `${SERVICE} ready`);
