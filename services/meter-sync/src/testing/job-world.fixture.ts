import pg from 'pg';
import type { Redis } from 'ioredis';
import { createLockManager, type LockTimings } from '@platform/lock';
import { createProducer, createWorker, type Producer } from '@platform/queues';
import { Registry } from '@platform/runtime';
import { createTestDatabase, type TestDatabase } from '@platform/testkit';
import { createClientSchema } from '../dev-data/client-schema.js';
import { meteringEntities } from '../entities/index.js';
import { syncTenantJob } from '../jobs/sync-tenant.job.js';
import { createSyncMetrics } from '../metrics.js';
import { silentLog } from './sync-databases.fixture.js';

/** The local (migrated) and client-system databases of one test file, with the pools main.ts would open. */
export interface JobWorld {
  local: TestDatabase;
  remoteDb: TestDatabase;
  /** Engine pool on the local database (raw SQL and COPY). */
  localPool: pg.Pool;
  remote: pg.Pool;
  close(): Promise<void>;
}

export async function createJobWorld(): Promise<JobWorld> {
  const [local, remoteDb] = [await createTestDatabase(), await createTestDatabase({ migrated: false })];
  const localPool = new pg.Pool({ connectionString: local.url, max: 2, application_name: 'meter-sync-engine' });
  const remote = new pg.Pool({ connectionString: remoteDb.url, max: 2 });
  for (const pool of [localPool, remote]) pool.on('error', () => undefined);
  await createClientSchema(remote);
  return {
    local,
    remoteDb,
    localPool,
    remote,
    async close() {
      await Promise.all([localPool.end(), remote.end()]);
      await Promise.all([local.drop(), remoteDb.drop()]);
    },
  };
}

export interface SyncWorker {
  producer: Producer;
  registry: Registry;
  close(): Promise<void>;
}

/**
 * The meter-sync worker as main.ts builds it (same handler, queue and
 * catalog), on the test's prefix, with its lock keys under that prefix too.
 */
export function startSyncWorker(world: JobWorld, redis: Redis, prefix: string, lock: Partial<LockTimings> = {}): SyncWorker {
  const registry = new Registry();
  const producer = createProducer({ connection: redis, prefix });
  const locks = createLockManager({ redis, db: world.local.db, log: silentLog, owner: 'meter-sync@test', keyPrefix: `${prefix}:lock:`, defaults: { maxHoldMs: 60 * 60_000, ...lock } });
  const handler = syncTenantJob({ db: world.local.db, local: world.localPool, remote: world.remote, entities: meteringEntities, locks, producer, metrics: createSyncMetrics(registry) });
  const worker = createWorker('meter-sync', { 'sync-tenant': handler }, { connection: redis, prefix, log: silentLog });
  return {
    producer,
    registry,
    async close() {
      await worker.close();
      await producer.close();
    },
  };
}

/** Polls until the job has been tried at least once and is in one of `states`; returns it. */
export async function settledJob(producer: Producer, jobId: string, states: readonly string[] = ['completed', 'failed'], timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await producer.queue('meter-sync').getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    // The job object was read before its state: re-read it once settled, or a job that completed
    // between the two reads comes back without its returnvalue.
    if (job && (state === 'completed' || job.attemptsMade > 0) && states.includes(state)) return { job: (await producer.queue('meter-sync').getJob(jobId))!, state };
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until a backend of the local database waits on a lock (a step blocked behind the test's transaction). */
export async function waitForBlockedEngine(localUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const blocked = await blockedBackends(localUrl);
    if (blocked > 0) return;
    if (Date.now() > deadline) throw new Error(`no meter-sync backend waited on a lock within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function blockedBackends(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'meter-sync-engine' AND wait_event_type = 'Lock'`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}
