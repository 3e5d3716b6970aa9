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
import { registerAlertmanagerWebhook } from './alertmanager/alertmanager-webhook.route.js';
import { configSchema } from './config.js';
import { createDispatcher } from './dispatcher.js';

const SERVICE = 'alert-dispatcher';

// 1. config: a bad variable ends the process here with one line (exit 78).
const config = loadConfigOrExit(SERVICE, configSchema, process.env);

// 2. logger and metrics
const log = createLogger({ service: SERVICE, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
const metrics = createMetrics(SERVICE);

// 3. clients
const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: SERVICE });
const redis = createRedis(config.REDIS_URL, 'worker', log);

// 4. workers and producers: the alerts worker (dispatch + watchdog) and the watchdog's schedule.
const dispatcher = createDispatcher({
  db,
  config,
  log,
  metrics,
  now: () => new Date(),
  connection: redis,
  prefix: config.QUEUE_PREFIX,
});
await dispatcher.scheduleWatchdog();

// 5. HTTP: health, metrics and Alertmanager's webhook receiver
const shutdown = new ShutdownManager(log, config.SHUTDOWN_TIMEOUT_MS);
const http = createOpsServer({
  log,
  metrics,
  isAccepting: shutdown.isAccepting,
  checks: { postgres: () => sql`SELECT 1`.execute(db), redis: redisReady(redis) },
});
registerAlertmanagerWebhook(http, { producer: dispatcher.producer, metrics, log });

// 6. shutdown, in reverse order of dependency
shutdown
  .add('http', () => http.close())
  // Lets running deliveries finish; an interrupted one is retried and skips channels already sent.
  .add('workers', () => dispatcher.worker.close())
  .add('queues', () => dispatcher.close())
  .add('redis', () => redis.quit())
  .add('postgres', () => db.destroy());
shutdown.listen();

// 7. start
const address = await listenOrExit(http, config.HTTP_HOST, config.HTTP_PORT, log);
log.info({ address, metrics: `${address}/metrics` }, `${SERVICE} ready`);
