import type { Database, Kysely, NewDeviceHealth } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, insertDevice, startApp } from './app.fixture.js';

const now = new Date();

async function deviceWithHealth(db: Kysely<Database>, health: Omit<NewDeviceHealth, 'device_id'> | null): Promise<number> {
  const id = await insertDevice(db);
  if (health) await db.insertInto('platform.device_health').values({ device_id: id, ...health }).execute();
  return id;
}

describe('GET /api/devices health status', () => {
  test('says authentication_failed while the device refuses our comm key, and the other states as before', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const ids = {
        unknown: await deviceWithHealth(db, null),
        ok: await deviceWithHealth(db, { last_contact_at: now, last_success_at: now, consecutive_failures: 0 }),
        degraded: await deviceWithHealth(db, { last_contact_at: now, consecutive_failures: 2, last_error: 'DeviceTimeoutError: getUsers ...' }),
        unreachable: await deviceWithHealth(db, { last_contact_at: now, consecutive_failures: 5, breaker_state: 'open', last_error: 'DeviceUnreachableError: ...' }),
        authentication_failed: await deviceWithHealth(db, {
          last_contact_at: now,
          consecutive_failures: 1,
          last_error: 'AuthenticationFailedError: getUsers on device 9 (10.0.0.9:4370): authentication failed: device refused the configured comm key',
        }),
        // Fixed since: the last session succeeded, the old error text stays but says nothing now.
        recovered: await deviceWithHealth(db, { last_contact_at: now, last_success_at: now, consecutive_failures: 0, last_error: 'AuthenticationFailedError: ...' }),
      };
      const res = await app.inject({ url: '/api/devices', headers: viewer.auth });
      expect(res.statusCode).toBe(200);
      const status = new Map((res.json().items as Array<{ id: number; health: { status: string } }>).map((d) => [d.id, d.health.status]));
      expect(Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, status.get(id)]))).toEqual({
        unknown: 'unknown',
        ok: 'ok',
        degraded: 'degraded',
        unreachable: 'unreachable',
        authentication_failed: 'authentication_failed',
        recovered: 'ok',
      });
    } finally {
      await close();
    }
  });
});
