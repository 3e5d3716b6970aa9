import { describe, expect, test } from '@platform/testkit';
import { createAccount, startApp } from './app.fixture.js';

describe('device administration routes', () => {
  test('the comm key is stored but never returned nor audited; edits are partial and audited against what they replaced', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const res = await app.inject({ method: 'POST', url: '/api/devices', headers: admin.auth, payload: { name: 'Gate', host: '10.0.0.7', commKey: 424242, timezone: 'Asia/Tashkent' } });
      expect(res.statusCode).toBe(201);
      const device = res.json();
      expect(device).toMatchObject({ name: 'Gate', host: '10.0.0.7', port: 4370, timezone: 'Asia/Tashkent', enabled: true, pollIntervalSeconds: 300, commKeySet: true });
      expect(res.body).not.toContain('424242');
      const stored = await db.selectFrom('platform.devices').select('comm_key').where('id', '=', device.id).executeTakeFirstOrThrow();
      expect(stored.comm_key).toBe(424242);

      const edit = await app.inject({ method: 'PATCH', url: `/api/devices/${device.id}`, headers: admin.auth, payload: { pollIntervalSeconds: 120, commKey: null } });
      expect(edit.statusCode).toBe(200);
      expect(edit.json()).toMatchObject({ name: 'Gate', pollIntervalSeconds: 120, commKeySet: false });

      expect((await app.inject({ method: 'POST', url: `/api/devices/${device.id}/disable`, headers: admin.auth })).json()).toMatchObject({ enabled: false });
      const again = await app.inject({ method: 'POST', url: `/api/devices/${device.id}/disable`, headers: admin.auth });
      expect(again.statusCode).toBe(409);
      expect((await app.inject({ method: 'POST', url: `/api/devices/${device.id}/enable`, headers: admin.auth })).json()).toMatchObject({ enabled: true });

      const audit = await db.selectFrom('platform.admin_audit_log').select(['action', 'details']).where('target_type', '=', 'device').orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['device.register', 'device.update', 'device.disable', 'device.enable']);
      expect(audit[0]!.details).toMatchObject({ commKey: 'set', name: 'Gate' });
      expect(audit[1]!.details).toMatchObject({ changes: { commKey: 'removed', pollIntervalSeconds: 120 }, before: { poll_interval_seconds: 300 } });
      expect(JSON.stringify(audit)).not.toContain('424242');
    } finally {
      await close();
    }
  });

  test('bad input is a 400 naming every field, a taken name a 409, an unknown device a 404; nothing is written', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const bad = await app.inject({ method: 'POST', url: '/api/devices', headers: admin.auth, payload: { name: '', host: 'http://x/', port: 70_000, timezone: 'Mars/Olympus', commKey: 1_000_000 } });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.commKey', 'body.host', 'body.name', 'body.port', 'body.timezone']);

      expect((await app.inject({ method: 'POST', url: '/api/devices', headers: admin.auth, payload: { name: 'One', host: 'zk-1.local' } })).statusCode).toBe(201);
      const dup = await app.inject({ method: 'POST', url: '/api/devices', headers: admin.auth, payload: { name: 'One', host: 'zk-2.local' } });
      expect(dup.statusCode).toBe(409);
      const empty = await app.inject({ method: 'PATCH', url: '/api/devices/1', headers: admin.auth, payload: {} });
      expect(empty.statusCode).toBe(400);
      expect((await app.inject({ method: 'PATCH', url: '/api/devices/999', headers: admin.auth, payload: { name: 'x' } })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: '/api/devices/999/test-connection', headers: admin.auth })).statusCode).toBe(404);
      expect(await db.selectFrom('platform.devices').select('name').where('name', 'in', ['', 'One']).execute()).toEqual([{ name: 'One' }]);
      expect(await db.selectFrom('platform.admin_audit_log').select('action').where('actor', '=', admin.username).execute()).toEqual([{ action: 'device.register' }]);
    } finally {
      await close();
    }
  });

  test('a viewer reads devices but cannot register, edit, disable or test them', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const id = (await db.insertInto('platform.devices').values({ name: 'V', host: '127.0.0.1' }).returning('id').executeTakeFirstOrThrow()).id;
      expect((await app.inject({ url: `/api/devices/${id}`, headers: viewer.auth })).statusCode).toBe(200);
      for (const [method, url, payload] of [
        ['POST', '/api/devices', { name: 'W', host: 'h' }],
        ['PATCH', `/api/devices/${id}`, { name: 'W' }],
        ['POST', `/api/devices/${id}/disable`, undefined],
        ['POST', `/api/devices/${id}/test-connection`, undefined],
      ] as const) {
        expect((await app.inject({ method, url, headers: viewer.auth, ...(payload ? { payload } : {}) })).statusCode).toBe(403);
      }
    } finally {
      await close();
    }
  });
});
