import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import type { Database, Kysely } from '@platform/db';
import { createDeviceAccess, type DeviceAccess, type SharedClientOptions } from '@platform/device-access';
import { createLockManager } from '@platform/lock';
import { createProducer, createWorker, type Producer } from '@platform/queues';
import type { Logger, Registry } from '@platform/runtime';
import { deleteUserCommand, writeUserCommand } from './commands/device-commands.job.js';
import type { PreWriteBackupOptions } from './commands/pre-write-backup.js';
import { testConnection } from './probe/test-connection.job.js';
import { createHealthMonitor } from './health/device-health.monitor.js';
import { cleanupBuffer } from './retention/cleanup-buffer.job.js';
import { reconcileSchedules } from './schedule/schedules.js';
import { syncDevice } from './sync/sync-device.job.js';

export interface PollerOptions {
  db: Kysely<Database>;
  redis: Redis;
  prefix: string;
  log: Logger;
  registry: Registry;
  batchSize: number;
  syncConcurrency: number;
  alertAfterFailures: number;
  retentionDays: number;
  cleanupCron: string;
  /** POLL_SCHEDULE_SLACK_SECONDS in ms (see pollEveryMs). */
  pollSlackMs: number;
  reconcileMs: number;
  backup: PreWriteBackupOptions;
  client: SharedClientOptions;
  /** Lock key prefix; tests isolate it per test. */
  lockKeyPrefix?: string;
  /** Redis ttl of device locks (DEVICE_LOCK_TTL_MS); the lock package's default otherwise. */
  lockTtlMs?: number;
  /** Longest hold of a device lock (DEVICE_LOCK_MAX_HOLD_MS); the lock package's default otherwise. */
  lockMaxHoldMs?: number;
}

export interface Poller {
  producer: Producer;
  devices: DeviceAccess;
  workers: Worker[];
  /** Creates/updates/removes poll schedules now. */
  reconcile(): Promise<void>;
  /** Starts the workers and the periodic schedule reconcile. */
  start(): Promise<void>;
  closeWorkers(): Promise<void>;
  closeQueues(): Promise<void>;
}

/** device-poller's workers, producer and schedules, built from clients main.ts owns. */
export function createPoller(o: PollerOptions): Poller {
  const { db, redis, prefix, log } = o;
  const producer = createProducer({ connection: redis, prefix });
  const health = createHealthMonitor({ registry: o.registry, producer, log, alertAfterFailures: o.alertAfterFailures });
  const locks = createLockManager({
    redis,
    db,
    log,
    owner: `device-poller@${hostname()}`,
    ...(o.lockKeyPrefix ? { keyPrefix: o.lockKeyPrefix } : {}),
    defaults: { ...(o.lockTtlMs ? { ttlMs: o.lockTtlMs } : {}), ...(o.lockMaxHoldMs ? { maxHoldMs: o.lockMaxHoldMs } : {}) },
  });
  const devices = createDeviceAccess({ db, locks, log, client: o.client, onHealth: health.onHealth });
  const syncDeps = { db, devices, producer, log, batchSize: o.batchSize, lockRetries: 3 };
  const connection = { connection: redis, prefix, log, autorun: false };

  const syncWorker = createWorker(
    'device-sync',
    {
      'sync-device': (p) => syncDevice(syncDeps, { deviceId: p.deviceId, trigger: p.trigger, ...(p.requestedBy ? { requestedBy: p.requestedBy } : {}) }),
      'cleanup-buffer': (p) => cleanupBuffer(db, Math.max(p.olderThanDays ?? o.retentionDays, o.retentionDays), 'device-poller:retention'),
      'test-connection': (p) => testConnection(devices, p),
    },
    { ...connection, concurrency: o.syncConcurrency },
  );
  const commandDeps = { db, devices, producer, backup: o.backup };
  // Concurrency 1: admin writes are rare and each waits for a backup; one at a time keeps the audit order obvious.
  const commandWorker = createWorker(
    'device-commands',
    { 'delete-user': (p) => deleteUserCommand(commandDeps, p), 'write-user': (p) => writeUserCommand(commandDeps, p) },
    { ...connection, concurrency: 1 },
  );
  const workers = [syncWorker, commandWorker];
  let timer: NodeJS.Timeout | undefined;

  const reconcile = async () => {
    const enabled = await devices.listEnabledDevices();
    const { scheduled, removed } = await reconcileSchedules(producer, enabled, { cleanupPattern: o.cleanupCron, slackMs: o.pollSlackMs });
    log.debug({ scheduled, removed }, 'poll schedules reconciled');
  };

  return {
    producer,
    devices,
    workers,
    reconcile,
    async start() {
      await reconcile();
      timer = setInterval(() => void reconcile().catch((err: unknown) => log.error({ err }, 'schedule reconcile failed')), o.reconcileMs);
      timer.unref();
      for (const w of workers) void w.run().catch((err: unknown) => log.error({ err, queue: w.name }, 'worker stopped'));
    },
    async closeWorkers() {
      clearInterval(timer);
      await Promise.all(workers.map((w) => w.close()));
    },
    closeQueues: () => producer.close(),
  };
}
