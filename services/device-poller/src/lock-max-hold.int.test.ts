import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, test, TEST_REDIS_URL } from '@platform/testkit';
import { startSilentDevice } from './poller.fixture.js';
import { startService, waitFor } from './testing/service-process.js';

describe('DEVICE_LOCK_MAX_HOLD_MS through main.ts', () => {
  test('main.ts gives up a device lock held past the configured maximum (a device that never answers)', async ({ db, database, prefix }) => {
    // Only the max hold can end this sync: the device takes the connection and never answers,
    // and the client's own timeouts are far longer.
    const device = await startSilentDevice();
    // main.ts locks `lock:device:<id>` (no per-test prefix): an id no other database uses keeps the key ours.
    const deviceId = randomInt(100_000_000, 2_000_000_000);
    await sql`INSERT INTO platform.devices (id, name, host, port, timezone) OVERRIDING SYSTEM VALUE
              VALUES (${deviceId}, ${`hold-${prefix}`}, ${device.host}, ${device.port}, 'UTC')`.execute(db);
    const poller = startService({
      NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix,
      HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', DEVICE_LOCK_MAX_HOLD_MS: '1500',
      DEVICE_CONNECT_TIMEOUT_MS: '600000', DEVICE_COMMAND_TIMEOUT_MS: '600000',
    });
    try {
      // The enabled device is scheduled at boot, first run at once.
      const given = await waitFor('the lock to be given up', async () => {
        if (poller.child.exitCode !== null) throw new Error(`device-poller exited:\n${poller.output()}`);
        return db
          .selectFrom('platform.sync_locks')
          .select(['event', 'details'])
          .where('lock_key', '=', `device:${deviceId}`)
          .where('event', '=', 'max_hold_exceeded')
          .executeTakeFirst();
      }, 120_000);
      expect(given.details).toMatchObject({ maxHoldMs: 1500 });
    } finally {
      await poller.kill();
      await device.close();
    }
  });
});
