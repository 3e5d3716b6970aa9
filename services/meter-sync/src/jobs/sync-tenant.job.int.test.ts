import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { describe, eventually, expect, test } from '@platform/testkit';
import { seedClientData } from '../dev-data/generate.js';
import { createJobWorld, settledJob, startSyncWorker, waitForBlockedEngine, type JobWorld } from '../testing/job-world.fixture.js';

// Four tenants so each test syncs a tenant of its own; device/device_register are shared by all.
const METERS = 200;
let world: JobWorld;
beforeAll(async () => {
  world = await createJobWorld();
  await seedClientData(world.remote, { tenants: 4, metersPerTenant: METERS, registersPerTenant: 20, devices: 10, links: 100 });
});
afterAll(() => world?.close());

/**
 * Holds an EXCLUSIVE lock on metering.device_register: reads go on, but the run's first
 * write step (device_register's delete) waits, so the test sees the run in flight.
 */
async function holdDeviceRegister(): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: world.local.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE metering.device_register IN EXCLUSIVE MODE');
  return {
    async release() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

const runsOf = (tenantId: number) => world.local.db.selectFrom('metering.sync_runs').selectAll().where('tenant_id', '=', tenantId).orderBy('started_at').execute();

async function alertsOf(producer: ReturnType<typeof startSyncWorker>['producer']) {
  return (await producer.queue('alerts').getJobs(['wait', 'delayed', 'prioritized'])).map((j) => j.data as { type: string; source: string; details: Record<string, unknown> });
}

describe('meter-sync/sync-tenant through the real queue and worker', () => {
  test('a manual run with a pre-made runId: queued -> running with progress -> succeeded with result and duration, in that one row', async ({ redis, prefix }) => {
    const w = startSyncWorker(world, redis, prefix);
    const lock = await holdDeviceRegister();
    try {
      const runId = randomUUID();
      const queued = await world.local.db.insertInto('metering.sync_runs').values({ id: runId, tenant_id: 1, trigger: 'manual', status: 'queued' }).returning('created_at').executeTakeFirstOrThrow();
      const job = await w.producer.enqueue('meter-sync', 'sync-tenant', { runId, tenantId: 1, trigger: 'manual' });

      await waitForBlockedEngine(world.local.url);
      const [running] = await runsOf(1);
      expect(running).toMatchObject({ id: runId, status: 'running', job_id: job.id, finished_at: null, result: null });
      expect(running!.started_at!.getTime()).toBeGreaterThanOrEqual(queued.created_at.getTime());
      // Progress is written to the row and to the job alike. Which report is the latest depends on how
      // long a loaded box took to reach the blocked step (later ones are throttled to one a second), and
      // the last report's two writes may still be landing when the step blocks: wait until both carry
      // the same snapshot (the engine is blocked, so it stops moving).
      await eventually(async () => {
        const [row] = await runsOf(1);
        return isDeepStrictEqual((await w.producer.queue('meter-sync').getJob(job.id))!.progress, { runId, ...(row!.progress as object) });
      }, { what: 'the run row and the job to report the same progress' });
      const [blocked] = await runsOf(1);
      expect(blocked!.progress).toMatchObject({ phase: expect.any(String), entity: expect.any(String), total: 16 });
      await lock.release();

      const { job: done, state } = await settledJob(w.producer, job.id);
      expect(state, done.failedReason).toBe('completed');
      expect(done.returnvalue).toMatchObject({ runId, success: true, verified: true, entities: { meter: { inserted: METERS, updated: 0, deleted: 0 } } });
      const rows = await runsOf(1);
      expect(rows).toHaveLength(1); // the pre-made row was used, not a second one
      const row = rows[0]!;
      expect(row).toMatchObject({ id: runId, trigger: 'manual', status: 'succeeded', error: null, created_at: queued.created_at });
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at!.getTime());
      expect(row.duration_ms).toBe((row.result as { durationMs: number }).durationMs);
      expect(row.result).toMatchObject({ success: true, verified: true, tenantId: 1, entities: { meter: { inserted: METERS }, register: { inserted: 20 } } });
      // Metrics carry the same counts; a clean run raises no alert.
      const written = await w.registry.getSingleMetric('meter_sync_rows_written_total')!.get();
      expect(written.values.find((v) => v.labels.entity === 'meter' && v.labels.operation === 'inserted')?.value).toBe(METERS);
      expect(await alertsOf(w.producer)).toEqual([]);
    } finally {
      await lock.release().catch(() => undefined);
      await w.close();
    }
  });

  test('two jobs for one tenant never overlap: the second finds the tenant locked, fails that attempt, and runs after the first', async ({ redis, prefix }) => {
    // Two workers, as two replicas; one lock retry so the busy attempt ends quickly.
    const timings = { retries: 1, retryDelayMs: 20 };
    const [w1, w2] = [startSyncWorker(world, redis, prefix, timings), startSyncWorker(world, redis, prefix, timings)];
    const lock = await holdDeviceRegister();
    try {
      // The scheduled iteration (no dedupe id) starts at once and holds the tenant...
      await w1.producer.schedule('meter-sync', 'sync-tenant', { tenantId: 2, trigger: 'scheduled' }, { every: 3_600_000 });
      await waitForBlockedEngine(world.local.url);
      // ...while "sync now" arrives: a separate job, taken by the idle replica.
      const manual = await w2.producer.enqueue('meter-sync', 'sync-tenant', { tenantId: 2, trigger: 'manual' });
      const { job: busy } = await settledJob(w2.producer, manual.id, ['delayed', 'failed']);
      expect(busy.failedReason).toMatch(/lock "meter-sync:tenant:2" is busy/);
      const during = await runsOf(2);
      expect(during.map((r) => [r.trigger, r.status])).toEqual([['scheduled', 'running']]); // the refused job made no row
      await lock.release();

      await expect.poll(async () => (await runsOf(2)).map((r) => r.status), { timeout: 120_000 }).toEqual(['succeeded']);
      await busy.promote(); // skip the 30 s retry backoff
      const { job: second, state } = await settledJob(w2.producer, manual.id);
      expect(state, second.failedReason).toBe('completed');
      const [first, next] = await runsOf(2);
      expect(next).toMatchObject({ trigger: 'manual', status: 'succeeded' });
      expect(next!.started_at!.getTime()).toBeGreaterThanOrEqual(first!.finished_at!.getTime());
      const ledger = await world.local.db.selectFrom('platform.sync_locks').select('event').where('lock_key', '=', 'meter-sync:tenant:2').orderBy('id').execute();
      expect(ledger.map((e) => e.event).filter((e) => e !== 'extended')).toEqual(['acquired', 'acquire_failed', 'released', 'acquired', 'released']);
    } finally {
      await lock.release().catch(() => undefined);
      await w1.producer.unschedule('meter-sync', 'sync-tenant.2');
      await Promise.all([w1.close(), w2.close()]);
    }
  });

  test('an entity error fails the run row and raises a meter-sync.entity-failed alert naming the run', async ({ redis, prefix }) => {
    const w = startSyncWorker(world, redis, prefix);
    await world.remote.query('ALTER TABLE register RENAME TO register_moved');
    try {
      const job = await w.producer.enqueue('meter-sync', 'sync-tenant', { tenantId: 3, trigger: 'manual' });
      const { job: done, state } = await settledJob(w.producer, job.id);
      expect(state, done.failedReason).toBe('completed'); // the run went on past the failed entity
      const [row] = await runsOf(3);
      expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(/register/) });
      expect(row!.result).toMatchObject({ success: false, entities: { meter: { inserted: METERS }, register: { status: 'failed' } } });
      const alerts = await alertsOf(w.producer);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ type: 'meter-sync.entity-failed', source: 'meter-sync', details: { runId: row!.id, tenantId: 3 } });
    } finally {
      await world.remote.query('ALTER TABLE register_moved RENAME TO register');
      await w.close();
    }
  });

  test('a local copy changed behind the run fails verification and raises a meter-sync.verification-mismatch alert', async ({ redis, prefix }) => {
    const w = startSyncWorker(world, redis, prefix);
    const lock = await holdDeviceRegister();
    try {
      const job = await w.producer.enqueue('meter-sync', 'sync-tenant', { tenantId: 4, trigger: 'manual' });
      await waitForBlockedEngine(world.local.url);
      // Tenant 4's meters were committed by the read phase (first sync: straight COPY); change one behind the engine.
      const changed = await world.local.db.updateTable('metering.meter').set({ name: 'changed behind the run' }).where('tenant_id', '=', 4).where('id', '=', 3 * (METERS / 2) + 1).where('meter_element_id', '=', 1).executeTakeFirst();
      expect(changed.numUpdatedRows).toBe(1n);
      await lock.release();
      const { job: done, state } = await settledJob(w.producer, job.id);
      expect(state, done.failedReason).toBe('completed');
      const [row] = await runsOf(4);
      expect(row).toMatchObject({ status: 'failed', error: 'verification mismatch' });
      expect(row!.result).toMatchObject({ success: true, verified: false, entities: { meter: { verification: { ok: false } } } });
      const alerts = await alertsOf(w.producer);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ type: 'meter-sync.verification-mismatch', details: { runId: row!.id, tenantId: 4, verification: { meter: { ok: false } } } });
    } finally {
      await lock.release().catch(() => undefined);
      await w.close();
    }
  });
});
