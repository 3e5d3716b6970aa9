import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from '@platform/testkit';
import { queueNames } from '@platform/queues';
import { createAccount, insertDevice, startApp } from './app.fixture.js';
import { insertBufferUser } from './seed.fixture.js';

describe('admin API', () => {
  test('a long-running action answers 202 with a status URL that reports the job', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const deviceId = await insertDevice(db);
      const res = await app.inject({ method: 'POST', url: `/api/devices/${deviceId}/sync`, headers: admin.auth });
      expect(res.statusCode).toBe(202);
      const { statusUrl, jobId, queue } = res.json();
      expect(res.headers.location).toBe(statusUrl);
      const status = await app.inject({ url: statusUrl, headers: admin.auth });
      expect(status.statusCode).toBe(200);
      expect(status.json()).toMatchObject({ queue, jobId, name: 'sync-device', state: 'waiting', failedReason: null });
      expect(status.json()).not.toHaveProperty('data');
      const missing = await app.inject({ url: '/api/jobs/device-sync/nope', headers: admin.auth });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ status: 404, title: 'Not Found', instance: '/api/jobs/device-sync/nope' });
    } finally {
      await close();
    }
  });

  test('with Redis unreachable an enqueue is a fast 503 and nothing is written', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix }, { queueRedisUrl: 'redis://127.0.0.1:1', waitForQueue: false });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const deviceId = await insertDevice(db);
      await insertBufferUser(db, { device_id: deviceId, device_user_id: '7', name: 'seven' });
      // "Fast" means the request does not wait for Redis to come back (no offline queue, no
      // retry loop); a 503 at all proves that. The race only turns a hang into a named failure,
      // with a bound no scheduling stall reaches (a stopwatch assertion would flake under load).
      const res = await Promise.race([
        app.inject({
          method: 'DELETE',
          url: `/api/devices/${deviceId}/users/7`,
          query: { reason: 'left the company' },
          headers: admin.auth,
        }),
        sleep(30_000, undefined, { ref: false }).then(() => {
          throw new Error('the request waited on the unreachable Redis instead of answering 503');
        }),
      ]);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().detail).toMatch(/device-commands queue is unreachable/);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
      const audit = await db.selectFrom('attendance.device_user_audit_log').selectAll().where('device_id', '=', deviceId).execute();
      const adminAudit = await db.selectFrom('platform.admin_audit_log').selectAll().where('action', '=', 'device-user.delete').execute();
      expect(audit).toEqual([]);
      expect(adminAudit).toEqual([]);
    } finally {
      await close();
    }
  });

  test('/metrics has HTTP latency histograms and job gauges for every catalog queue', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      await app.inject({ url: '/api/devices', headers: viewer.auth });
      const res = await app.inject({ url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/http_request_duration_seconds_bucket\{[^}]*method="GET",route="\/api\/devices",status_code="200"/);
      for (const queue of queueNames) {
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
          expect(res.body).toContain(`platform_queue_jobs{queue="${queue}",state="${state}"`);
        }
      }
    } finally {
      await close();
    }
  });

  test('unknown routes and bad JSON are problem+json, never a stack trace', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const notFound = await app.inject({ url: '/api/nothing-here', headers: admin.auth });
      expect(notFound.statusCode).toBe(404);
      expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
      const badJson = await app.inject({
        method: 'POST',
        url: '/api/device-users/buffer/1/map',
        headers: { ...admin.auth, 'content-type': 'application/json' },
        payload: '{"personId":',
      });
      expect(badJson.statusCode).toBe(400);
      const invalid = await app.inject({ method: 'POST', url: '/api/device-users/buffer/abc/map', headers: admin.auth, payload: { personId: 'x' } });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().errors.map((e: { path: string }) => e.path)).toEqual(['params.id']);
    } finally {
      await close();
    }
  });
});
