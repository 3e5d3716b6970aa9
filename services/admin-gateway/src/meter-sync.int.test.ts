import { describe, expect, test } from '@platform/testkit';
import { createAccount, startApp } from './app.fixture.js';

describe('meter-sync routes', () => {
  test('an admin triggers a tenant sync: 202 with the run id the job carries; a second trigger joins it', async ({ db, prefix }) => {
    const { app, producer, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const first = await app.inject({ method: 'POST', url: '/api/meter-sync/tenants/7/sync', headers: admin.auth });
      expect(first.statusCode).toBe(202);
      const body = first.json();
      expect(body).toMatchObject({ queue: 'meter-sync', statusUrl: expect.stringMatching(/^\/api\/jobs\/meter-sync\//) });
      const job = await producer.queue('meter-sync').getJob(body.jobId);
      expect(job?.data).toEqual({ runId: body.runId, tenantId: 7, trigger: 'manual' });

      const second = await app.inject({ method: 'POST', url: '/api/meter-sync/tenants/7/sync', headers: admin.auth });
      expect(second.statusCode).toBe(202);
      expect(second.json()).toMatchObject({ jobId: body.jobId, runId: body.runId });
      expect(await producer.queue('meter-sync').getWaitingCount()).toBe(1);

      const audit = await db.selectFrom('platform.admin_audit_log').selectAll().where('action', '=', 'meter-sync.trigger').execute();
      expect(audit).toHaveLength(2);
      expect(audit[0]).toMatchObject({ target_id: '7', outcome: 'accepted' });
    } finally {
      await close();
    }
  });

  test('a viewer may read run history but not trigger a sync', async ({ db, prefix }) => {
    const { app, producer, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const denied = await app.inject({ method: 'POST', url: '/api/meter-sync/tenants/3/sync', headers: viewer.auth });
      expect(denied.statusCode).toBe(403);
      expect(await producer.queue('meter-sync').getWaitingCount()).toBe(0);

      const [done] = await db
        .insertInto('metering.sync_runs')
        .values({
          tenant_id: 3,
          trigger: 'scheduled',
          status: 'succeeded',
          job_id: 'j1',
          result: JSON.stringify({ verified: true, entities: { meter: { entity: 'meter', inserted: 5, updated: 1, deleted: 2, skipped: 0 } } }),
          started_at: new Date('2026-11-22T01:00:00Z'),
          finished_at: new Date('2026-11-22T01:00:02Z'),
          duration_ms: 2000,
          created_at: new Date('2026-11-22T01:00:00Z'),
        })
        .returning('id')
        .execute();
      const [running] = await db
        .insertInto('metering.sync_runs')
        .values({
          tenant_id: 3,
          trigger: 'manual',
          status: 'running',
          job_id: 'j2',
          progress: JSON.stringify({ phase: 'apply', entity: 'register', done: 10, total: 40 }),
          started_at: new Date('2026-11-22T02:00:00Z'),
          created_at: new Date('2026-11-22T02:00:00Z'),
        })
        .returning('id')
        .execute();
      await db.insertInto('metering.sync_runs').values({ tenant_id: 4, trigger: 'manual', status: 'queued' }).execute();

      const history = await app.inject({ url: '/api/meter-sync/tenants/3/runs', headers: viewer.auth });
      expect(history.statusCode).toBe(200);
      expect(history.json().total).toBe(2);
      expect(history.json().items.map((r: { runId: string }) => r.runId)).toEqual([running!.id, done!.id]);
      expect(history.json().items[1]).toMatchObject({
        status: 'succeeded',
        verified: true,
        durationMs: 2000,
        entities: { meter: { inserted: 5, updated: 1, deleted: 2, skipped: 0 } },
      });

      const live = await app.inject({ url: `/api/meter-sync/runs/${running!.id}`, headers: viewer.auth });
      expect(live.json()).toMatchObject({ status: 'running', progress: { phase: 'apply', done: 10, total: 40 }, entities: null });

      const missing = await app.inject({ url: '/api/meter-sync/runs/00000000-0000-4000-8000-000000000000', headers: viewer.auth });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await close();
    }
  });

  test('tenants: every tenant with meters or runs, its meter count and newest run; 401 without a session', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      // The file's database is shared with the tests above; tenants 5 and 9 are this test's own.
      await db.insertInto('metering.meter').values([1, 2, 3].map((id) => ({ id, meter_element_id: 1, tenant_id: 5 }))).execute();
      await db.insertInto('metering.sync_runs').values({ tenant_id: 9, trigger: 'manual', status: 'failed', error: 'boom', created_at: new Date('2026-11-22T01:00:00Z') }).execute();
      const [newest] = await db
        .insertInto('metering.sync_runs')
        .values({ tenant_id: 9, trigger: 'scheduled', status: 'queued', created_at: new Date('2026-11-22T02:00:00Z') })
        .returning('id')
        .execute();

      const res = await app.inject({ url: '/api/meter-sync/tenants', headers: viewer.auth });
      expect(res.statusCode).toBe(200);
      const mine = res.json().items.filter((t: { tenantId: number }) => [5, 9].includes(t.tenantId));
      expect(mine).toEqual([
        { tenantId: 5, meters: 3, lastRun: null },
        { tenantId: 9, meters: 0, lastRun: expect.objectContaining({ runId: newest!.id, status: 'queued' }) },
      ]);

      const anonymous = await app.inject({ url: '/api/meter-sync/tenants' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await close();
    }
  });
});
