import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { createDb } from '@platform/db';
import { createProducer } from '@platform/queues';
import {
  createLogger,
  createMetrics,
  createRedis,
  listenOrExit,
  loadConfigOrExit,
  redisReady,
  ShutdownManager,
} from '@platform/runtime';
import { buildApp } from './app.js';
import { configSchema } from './config.js';

const SERVICE = 'admin-gateway';

// 1. config: a bad variable ends the process here with one line (exit 78).
const config = loadConfigOrExit(SERVICE, configSchema, process.env);

// 2. logger and metrics
const log = createLogger({ service: SERVICE, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
const metrics = createMetrics(SERVICE);

// The schema already refused a missing JWT_SECRET outside development; here
// `pnpm dev` gets a per-process key, so tokens die with the process.
const secret = config.JWT_SECRET ?? randomBytes(32).toString('base64url');
if (!config.JWT_SECRET) log.warn('JWT_SECRET not set: using an ephemeral signing key (development only; tokens end with this process)');

// 3. clients: producers fail fast (503) when Redis is down; the rate limiter retries a little.
const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: SERVICE });
const queueRedis = createRedis(config.REDIS_URL, 'producer', log);
const rateLimitRedis = createRedis(config.REDIS_URL, 'client', log);

// 4. producers (no workers: this service consumes no queue)
const producer = createProducer({ connection: queueRedis, prefix: config.QUEUE_PREFIX });

// 5. HTTP: the API, /docs, Bull Board, health and metrics on one port
const shutdown = new ShutdownManager(log, config.SHUTDOWN_TIMEOUT_MS);
const http = await buildApp({
  db,
  queues: { producer, connection: queueRedis },
  tokens: {
    secret: new TextEncoder().encode(secret),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: config.JWT_TTL_SECONDS,
  },
  cookieSecure: config.NODE_ENV === 'production',
  loginRateLimit: { max: config.LOGIN_RATE_MAX, windowSeconds: config.LOGIN_RATE_WINDOW_SECONDS },
  rateLimitRedis,
  rateLimitPrefix: config.QUEUE_PREFIX,
  metrics,
  log: log.child({ component: 'http' }) as FastifyBaseLogger,
  readiness: {
    checks: { postgres: () => sql`SELECT 1`.execute(db), redis: redisReady(queueRedis) },
    isAccepting: shutdown.isAccepting,
  },
});

// 6. shutdown, in reverse order of dependency
shutdown
  .add('http', () => http.close())
  .add('queues', () => producer.close())
  .add('redis', () => Promise.all([queueRedis.quit(), rateLimitRedis.quit()]))
  .add('postgres', () => db.destroy());
shutdown.listen();

// 7. start
const address = await listenOrExit(http, config.HTTP_HOST, config.HTTP_PORT, log);
log.info({ address, docs: `${address}/docs`, queues: `${address}/admin/queues` }, `${SERVICE} ready`);
