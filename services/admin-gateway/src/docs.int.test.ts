import { validate } from '@readme/openapi-parser';
import { describe, expect, test } from '@platform/testkit';
import { queueNames } from '@platform/queues';
import { createAccount, startApp } from './app.fixture.js';

describe('docs and Bull Board', () => {
  test('/docs serves an OpenAPI 3 document that validates and lists every route group', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      expect((await app.inject({ url: '/docs/json' })).statusCode).toBe(401);
      const ui = await app.inject({ url: '/docs/', headers: viewer.auth });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
      const res = await app.inject({ url: '/docs/json', headers: viewer.auth });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      const result = await validate(structuredClone(doc));
      expect(result.valid ? [] : result.errors).toEqual([]);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/auth/token',
          '/api/devices',
          '/api/devices/{deviceId}/sync',
          '/api/devices/{deviceId}/users/{deviceUserId}',
          '/api/device-users/buffer',
          '/api/device-users/buffer/{id}/map',
          '/api/device-users/conflicts',
          '/api/device-users/conflicts/{id}/resolve',
          '/api/device-users/backups',
          '/api/device-users/backups/{filename}/restore',
          '/api/device-users/monitoring/status',
          '/api/device-users/monitoring/history',
          '/api/device-users/audit-log',
          '/api/jobs/{queue}/{jobId}',
        ]),
      );
    } finally {
      await close();
    }
  });

  test('Bull Board lists every catalog queue after login and refuses without it', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      expect((await app.inject({ url: '/admin/queues' })).statusCode).toBe(401);
      expect((await app.inject({ url: '/admin/queues/api/queues' })).statusCode).toBe(401);
      await createAccount(db, tokens, 'viewer', 'board-viewer');
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/token',
        payload: { username: 'board-viewer', password: 'correct horse battery staple' },
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.find((c) => c.name === 'admin_token');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
      const headers = { cookie: `admin_token=${cookie!.value}` };
      expect((await app.inject({ url: '/admin/queues', headers })).statusCode).toBe(200);
      const res = await app.inject({ url: '/admin/queues/api/queues', headers });
      expect(res.statusCode).toBe(200);
      const names = (res.json().queues as { name: string }[]).map((q) => q.name).sort();
      expect(names).toEqual([...queueNames].sort());
      // A viewer looks but cannot act on jobs.
      const retry = await app.inject({ method: 'PUT', url: '/admin/queues/api/queues/alerts/retry/failed', headers });
      expect(retry.statusCode).toBe(403);
    } finally {
      await close();
    }
  });
});
