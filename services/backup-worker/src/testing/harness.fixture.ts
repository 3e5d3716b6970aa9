import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import type { Database, Kysely } from '@platform/db';
import { createDeviceAccess } from '@platform/device-access';
import { createLockManager } from '@platform/lock';
import { createProducer, jobOptionsFor, type Producer } from '@platform/queues';
import type { ZkEmulator } from '@platform/zk';
import { queueAlerts } from '../alerts.js';
import type { JobDeps } from '../jobs/deps.js';

export const silentLog = pino({ level: 'silent' });

export async function addEmulatedDevice(db: Kysely<Database>, emu: ZkEmulator, name: string, enabled = true): Promise<number> {
  const row = await db
    .insertInto('platform.devices')
    .values({ name, host: '127.0.0.1', port: emu.port, timezone: 'UTC', enabled })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface Harness {
  deps: JobDeps;
  producer: Producer;
  root: string;
  /** Sets what the handlers' clock reads. */
  setNow(date: Date): void;
  /** A real job in Redis (so `updateProgress` works) with the catalog's options; no worker picks it up. */
  job<N extends 'backup-device' | 'restore-device'>(name: N, data: Record<string, unknown>): Promise<Job>;
  /** Alerts enqueued so far, oldest first. */
  alerts(): Promise<{ type: string; dedupeKey?: string; details?: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

/**
 * Real parts only: PostgreSQL (device rows, lock fences, audit), Redis (locks,
 * queues), the emulator behind device-access, and a temporary BACKUP_DIR.
 * Backups go to a queue no worker consumes, so tests hand jobs to handlers themselves.
 */
export async function createHarness(db: Kysely<Database>, redis: Redis, prefix: string): Promise<Harness> {
  const root = await mkdtemp(join(tmpdir(), 'backup-worker-'));
  let now = new Date('2026-11-22T00:00:00.000Z');
  const clock = () => new Date(now.getTime());
  const locks = createLockManager({ redis, db, log: silentLog, owner: 'backup-worker-test', keyPrefix: `${prefix}:lock:`, defaults: { ttlMs: 5_000, retries: 2, retryDelayMs: 5 } });
  const devices = createDeviceAccess({
    db,
    locks,
    log: silentLog,
    // Failures in these tests are injected on purpose; the breaker must not turn them into skipped runs.
    client: { resilience: { attempts: 1, initialDelayMs: 1, failureThreshold: 1_000, cooldownMs: 1 }, connectTimeoutMs: 2_000 },
  });
  const producer = createProducer({ connection: redis, prefix });
  const backups = new Queue('backups', { connection: redis, prefix });
  const deps: JobDeps = { db, devices, store: { root, appVersion: 'test-1.2.3', clock }, retentionDays: 30, alert: queueAlerts(producer, clock) };
  let seq = 0;
  return {
    deps,
    producer,
    root,
    setNow: (date) => {
      now = date;
    },
    async job(name, data) {
      const { jobId: _id, deduplication: _d, ...opts } = jobOptionsFor('backups', name, data as never);
      return backups.add(name, data, { ...opts, jobId: `t${++seq}-${name}`, delay: 3_600_000 });
    },
    async alerts() {
      const jobs = await producer.queue('alerts').getJobs(['waiting', 'delayed', 'prioritized'], 0, -1, true);
      return jobs.map((j) => j.data as { type: string; dedupeKey?: string; details?: Record<string, unknown> });
    },
    async close() {
      await backups.close();
      await producer.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

