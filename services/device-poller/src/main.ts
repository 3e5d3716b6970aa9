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
import { configSchema } from './config.js';
import { createPoller } from './poller.js';
import { pollerSettings } from './poller-settings.js';

const SERVICE = 'device-poller';

// 1. config: a bad variable ends the process here with one line (exit 78).
const config = loadConfigOrExit(SERVICE, configSchema, process.env);

// 2. logger and metrics
const log = createLogger({ service: SERVICE, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
const metrics = createMetrics(SERVICE);

// 3. clients
const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: SERVICE });
const redis = createRedis(config.REDIS_URL, 'worker', log);

// 4. workers and producers: device-sync + device-commands workers, producer for alerts/backups, poll schedules
const poller = createPoller({ db, redis, prefix: config.QUEUE_PREFIX, log, registry: metrics, ...pollerSettings(config) });

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
  .add('workers', () => poller.closeWorkers())
  .add('queues', () => poller.closeQueues())
  .add('redis', () => redis.quit())
  .add('postgres', () => db.destroy());
shutdown.listen();

// 7. start
const address = await listenOrExit(http, config.HTTP_HOST, config.HTTP_PORT, log);
await poller.start();
log.info({ address, metrics: `${address}/metrics` }, `${SERVICE} ready`);
