import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { createDb } from '@platform/db';
import { createDeviceAccess } from '@platform/device-access';
import { createLockClients, createLockManager } from '@platform/lock';
import { createProducer, createWorker } from '@platform/queues';
import {
  Counter,
  Gauge,
  createLogger,
  createMetrics,
  createOpsServer,
  createRedis,
  listenOrExit,
  loadConfigOrExit,
  redisReady,
  ShutdownManager,
} from '@platform/runtime';
import { queueAlerts } from './alerts.js';
import { configSchema } from './config.js';
import { backupHandlers } from './jobs/handlers.js';
import { startWatch } from './watch.js';

const SERVICE = 'backup-worker';

// 1. config: a bad variable ends the process here with one line (exit 78).
const config = loadConfigOrExit(SERVICE, configSchema, process.env);
const appVersion = config.APP_VERSION !== 'dev' ? config.APP_VERSION : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// 2. logger and metrics
const log = createLogger({ service: SERVICE, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
const metrics = createMetrics(SERVICE);
const lastBackup = new Gauge({ name: 'backup_last_success_timestamp_seconds', help: 'Creation time of the newest backup file per device', labelNames: ['device_id'], registers: [metrics] });
const stale = new Gauge({ name: 'backup_stale_devices', help: 'Enabled devices whose newest backup is older than BACKUP_STALE_HOURS', registers: [metrics] });
const jobs = new Counter({ name: 'backup_jobs_total', help: 'Finished backups-queue jobs by name and outcome', labelNames: ['job', 'outcome'], registers: [metrics] });

// 3. clients
const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, applicationName: SERVICE });
const redis = createRedis(config.REDIS_URL, 'worker', log);

// 4. workers and producers
const clock = () => new Date();
const producer = createProducer({ connection: redis, prefix: config.QUEUE_PREFIX });
const alert = queueAlerts(producer, clock);
// REDIS_LOCK_URLS: Redlock's quorum over independent Redis servers; unset, the lock uses `redis`.
const lockRedis = createLockClients(config.REDIS_LOCK_URLS, redis, log);
const locks = createLockManager({ redis: lockRedis.clients, db, log, owner: `${SERVICE}@${hostname()}` });
const devices = createDeviceAccess({ db, locks, log });
const store = { root: config.BACKUP_DIR, appVersion, clock };
// Concurrency 1: backups of different devices could overlap, but the volume and the 2-core
// budget gain nothing from it, and one-at-a-time keeps restore progress easy to follow.
const worker = createWorker('backups', backupHandlers({ db, devices, store, retentionDays: config.BACKUP_RETENTION_DAYS, alert }), {
  connection: redis,
  prefix: config.QUEUE_PREFIX,
  log,
  autorun: false,
});
worker.on('completed', (job) => jobs.inc({ job: job.name, outcome: 'completed' }));
worker.on('failed', (job) => jobs.inc({ job: job?.name ?? 'unknown', outcome: 'failed' }));

// 5. HTTP: health and metrics
const shutdown = new ShutdownManager(log, config.SHUTDOWN_TIMEOUT_MS);
const http = createOpsServer({
  log,
  metrics,
  isAccepting: shutdown.isAccepting,
  checks: { postgres: () => sql`SELECT 1`.execute(db), redis: redisReady(redis) },
});

// 6. shutdown, in reverse order of dependency
let watch: { stop(): Promise<void> } | null = null;
shutdown
  .add('http', () => http.close())
  .add('watch', () => watch?.stop())
  // Lets a running backup or restore finish (its device lock is released by withDevice).
  .add('worker', () => worker.close())
  .add('queues', () => producer.close())
  .add('redis', () => Promise.all([redis.quit(), lockRedis.close()]))
  .add('postgres', () => db.destroy());
shutdown.listen();

// 7. start
const address = await listenOrExit(http, config.HTTP_HOST, config.HTTP_PORT, log);
watch = startWatch({
  devices,
  producer,
  alert,
  log,
  root: config.BACKUP_DIR,
  clock,
  schedule: { intervalHours: config.BACKUP_INTERVAL_HOURS, slackMinutes: config.BACKUP_SCHEDULE_SLACK_MINUTES, mode: config.BACKUP_SCHEDULER },
  staleHours: config.BACKUP_STALE_HOURS,
  everyMs: config.BACKUP_CHECK_MINUTES * 60_000,
  onFreshness: (list) => {
    for (const f of list) if (f.latestAt) lastBackup.set({ device_id: String(f.deviceId) }, f.latestAt.getTime() / 1000);
    stale.set(list.filter((f) => f.stale).length);
  },
});
void worker.run();
log.info({ address, metrics: `${address}/metrics`, backupDir: config.BACKUP_DIR, scheduler: config.BACKUP_SCHEDULER }, `${SERVICE} ready`);
