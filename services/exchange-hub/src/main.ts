import { sql } from 'kysely';
import { createDb } from '@platform/db';
import { exampleRegistry, SCHEMA_VERSION } from '@platform/exchange-protocol';
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
import { configSchema } from './config.js';
import { ensureHubNode } from './core/nodes.js';
import { AuthFailureLimiter } from './http/auth-guard.js';
import { buildSyncApp } from './http/sync-app.js';
import { exchangeHandlers } from './jobs.js';
import { createHubMetrics } from './metrics.js';
import { preparePacketsAhead } from './prepare-ahead.js';
import { loadTls } from './tls.js';

const SERVICE = 'exchange-hub';

// 1. config: a bad variable ends the process here with one line (exit 78).
const config = loadConfigOrExit(SERVICE, configSchema, process.env);

// 2. logger and metrics
const log = createLogger({ service: SERVICE, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
const metrics = createMetrics(SERVICE);
const hubMetrics = createHubMetrics(metrics);

// 3. clients
const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: SERVICE });
const redis = createRedis(config.REDIS_URL, 'worker', log);
const hub = {
  db,
  registry: exampleRegistry(),
  hubNodeId: await ensureHubNode(db),
  schemaVersion: SCHEMA_VERSION,
  batchSize: config.EXCHANGE_BATCH_SIZE,
};

// 4. workers and producers: the exchange queue (prepare-packets after an upload, purge-acknowledged on a schedule)
const worker = createWorker('exchange', exchangeHandlers(hub), { connection: redis, prefix: config.QUEUE_PREFIX, log, autorun: false });
const producer = createProducer({ connection: redis, prefix: config.QUEUE_PREFIX });
await producer.schedule('exchange', 'purge-acknowledged', {}, { pattern: config.EXCHANGE_PURGE_CRON });

// 5. HTTP: health and metrics on HTTP_PORT; the nodes' sync API (HTTPS) on EXCHANGE_PORT
const shutdown = new ShutdownManager(log, config.SHUTDOWN_TIMEOUT_MS);
const http = createOpsServer({
  log,
  metrics,
  isAccepting: shutdown.isAccepting,
  checks: { postgres: () => sql`SELECT 1`.execute(db), redis: redisReady(redis) },
});
const tls = await loadTls(config);
if (!tls) log.warn('EXCHANGE_ALLOW_PLAIN_HTTP=true: the sync API is served WITHOUT TLS (development only)');
else if (tls.source === 'self-signed') {
  log.warn({ cert: config.EXCHANGE_TLS_SELF_SIGNED_CERT_OUT }, 'EXCHANGE_TLS_SELF_SIGNED=true: serving a throwaway self-signed certificate (development only)');
}
const syncApi = buildSyncApp({
  hub,
  log,
  metrics: hubMetrics,
  limiter: new AuthFailureLimiter(config.EXCHANGE_AUTH_FAILURE_LIMIT, config.EXCHANGE_AUTH_FAILURE_WINDOW_SECONDS * 1000),
  maxPacketBytes: config.EXCHANGE_MAX_PACKET_BYTES,
  tls,
  onChangesApplied: (nodeId) => preparePacketsAhead(db, producer, nodeId),
});

// 6. shutdown, in reverse order of dependency
shutdown
  .add('sync-api', () => syncApi.close())
  .add('http', () => http.close())
  .add('worker', () => worker.close())
  .add('producer', () => producer.close())
  .add('redis', () => redis.quit())
  .add('postgres', () => db.destroy());
shutdown.listen();

// 7. start
const address = await listenOrExit(http, config.HTTP_HOST, config.HTTP_PORT, log);
const syncAddress = await listenOrExit(syncApi, config.HTTP_HOST, config.EXCHANGE_PORT, log);
void worker.run();
log.info({ address, metrics: `${address}/metrics`, sync: `${syncAddress}/exchange/v1/sync`, hubNodeId: hub.hubNodeId }, `${SERVICE} ready`);
