import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { pino } from 'pino';
import { createLockManager, LockBusyError } from '@platform/lock';
import { AuthenticationFailedError, generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import type { Database, Kysely } from '@platform/db';
import type { Redis } from 'ioredis';
import { createDeviceAccess, type DeviceAccessOptions } from './device-access.js';
import { DeviceDisabledError, DeviceNotFoundError } from './errors.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ users: generateUsers(12, 3), replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.faults.reset());

const log = pino({ level: 'silent' });

async function addDevice(db: Kysely<Database>, name: string, enabled = true) {
  const row = await db
    .insertInto('platform.devices')
    .values({ name, host: '127.0.0.1', port: emu.port, timezone: 'UTC', enabled })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function access(db: Kysely<Database>, redis: Redis, prefix: string, extra: Partial<DeviceAccessOptions> = {}) {
  const locks = createLockManager({ redis, db, log, owner: 'device-access-test', keyPrefix: `${prefix}:lock:`, defaults: { ttlMs: 30_000, retries: 1, retryDelayMs: 5 } });
  return createDeviceAccess({
    db,
    locks,
    log,
    // The cool-down is the production 10 minutes: the breaker test moves a fake Date past it.
    // The connect timeout only guards against a hang (a stalled box fires short timers first).
    client: { resilience: { attempts: 1, initialDelayMs: 1, failureThreshold: 3, cooldownMs: 600_000 }, connectTimeoutMs: 10_000 },
    ...extra,
  });
}

const healthOf = (db: Kysely<Database>, id: number) =>
  db.selectFrom('platform.device_health').selectAll().where('device_id', '=', id).executeTakeFirst();

describe('withDevice', () => {
  test('sends the comm key stored on the device row; a wrong one is recorded as an authentication failure', async ({ db, redis, prefix }) => {
    const id = await addDevice(db, `keyed-${prefix}`);
    await db.updateTable('platform.devices').set({ comm_key: 4242 }).where('id', '=', id).execute();
    emu.commKey = 4242;
    try {
      const devices = access(db, redis, prefix);
      await expect(devices.withDevice(id, ({ client }) => client.getUsers())).resolves.toHaveLength(12);
      await db.updateTable('platform.devices').set({ comm_key: 4243 }).where('id', '=', id).execute();
      await expect(devices.withDevice(id, ({ client }) => client.getUsers())).rejects.toBeInstanceOf(AuthenticationFailedError);
      const health = await healthOf(db, id);
      expect(health).toMatchObject({ consecutive_failures: 1 });
      expect(health?.last_error).toMatch(/^AuthenticationFailedError: .*authentication failed: device refused the configured comm key/);
    } finally {
      emu.commKey = null;
    }
  });

  test('holds device:<id> while fn runs, releases it after, and records a successful contact', async ({ db, redis, prefix }) => {
    const id = await addDevice(db, `ok-${prefix}`);
    const devices = access(db, redis, prefix);
    const users = await devices.withDevice(id, async ({ client, lock, device, reportCounts }) => {
      expect(lock.resource).toBe(`device:${id}`);
      expect(await redis.exists(`${prefix}:lock:device:${id}`)).toBe(1);
      expect(device).toMatchObject({ id, host: '127.0.0.1', port: emu.port, timezone: 'UTC', commKey: null });
      const users = await client.getUsers();
      reportCounts({ users: users.length, logs: 0 });
      return users;
    });
    expect(users).toEqual(emu.state.users);
    expect(await redis.exists(`${prefix}:lock:device:${id}`)).toBe(0);
    const health = await healthOf(db, id);
    expect(health).toMatchObject({ consecutive_failures: 0, breaker_state: 'closed', user_count: 12, log_count: 0, last_error: null });
    expect(health?.last_success_at).toBeInstanceOf(Date);
    // Lock ledger: acquired then released, with the same token. A session a loaded box slows
    // past the extension point may also log 'extended' in between; that is the lock working.
    const ledger = await db.selectFrom('platform.sync_locks').select(['event', 'fencing_token']).where('lock_key', '=', `device:${id}`).orderBy('id').execute();
    const events = ledger.map((r) => r.event);
    expect([events[0], events.at(-1)]).toEqual(['acquired', 'released']);
    expect(events.slice(1, -1).every((e) => e === 'extended')).toBe(true);
    expect(new Set(ledger.map((r) => r.fencing_token)).size).toBe(1);
  });

  test('failures count up, the breaker state is stored, and one success resets them; the client is shared', async ({ db, redis, prefix }) => {
    const id = await addDevice(db, `flaky-${prefix}`);
    // Only Date is faked (the breaker's cool-down reads it); sockets, PostgreSQL and Redis run on
    // real timers. The breaker stays open until the test moves the clock, however slow the box.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const seen: number[] = [];
      const devices = access(db, redis, prefix, { onHealth: (h) => void seen.push(h.consecutive_failures) });
      const read = () => devices.withDevice(id, async ({ client }) => client.getUsers());
      await emu.faults.refuseConnections(true);
      for (let i = 0; i < 3; i++) await expect(read()).rejects.toThrow(/DeviceUnreachable|ECONNREFUSED|refused/i);
      expect(devices.breakerState(id)).toBe('open');
      let health = await healthOf(db, id);
      expect(health).toMatchObject({ consecutive_failures: 3, breaker_state: 'open', last_contact_at: null });
      expect(health?.breaker_opened_at).toBeInstanceOf(Date);
      expect(health?.last_error).toMatch(/DeviceUnreachableError/);
      // While open, calls fail fast with CircuitOpenError and still count.
      await expect(read()).rejects.toThrow(/circuit open/);
      expect((await healthOf(db, id))?.consecutive_failures).toBe(4);

      await emu.faults.refuseConnections(false);
      vi.setSystemTime(Date.now() + 600_000);
      await expect(read()).resolves.toHaveLength(12);
      health = await healthOf(db, id);
      expect(health).toMatchObject({ consecutive_failures: 0, breaker_state: 'closed', breaker_opened_at: null });
      expect(health?.last_error).toMatch(/CircuitOpenError/);
      expect(seen).toEqual([1, 2, 3, 4, 0]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a non-device error releases the lock and leaves health alone', async ({ db, redis, prefix }) => {
    const id = await addDevice(db, `dberr-${prefix}`);
    const devices = access(db, redis, prefix);
    const boom = new Error('database went away');
    await expect(devices.withDevice(id, async () => Promise.reject(boom))).rejects.toBe(boom);
    expect(await redis.exists(`${prefix}:lock:device:${id}`)).toBe(0);
    expect(await healthOf(db, id)).toBeUndefined();
  });

  test('sessions on one device never overlap; a busy lock surfaces as LockBusyError', async ({ db, redis, prefix }) => {
    const id = await addDevice(db, `busy-${prefix}`);
    const devices = access(db, redis, prefix);
    let inside = 0;
    let maxInside = 0;
    const session = () =>
      devices.withDevice(id, async ({ client }) => {
        maxInside = Math.max(maxInside, ++inside);
        await client.getInfo();
        inside--;
      });
    const outcomes = await Promise.allSettled([session(), session(), session()]);
    expect(maxInside).toBe(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(LockBusyError);
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
  });

  test('unknown and disabled devices are refused before any lock or contact', async ({ db, redis, prefix }) => {
    const devices = access(db, redis, prefix);
    await expect(devices.withDevice(999_999, async () => 1)).rejects.toBeInstanceOf(DeviceNotFoundError);
    const off = await addDevice(db, `off-${prefix}`, false);
    await expect(devices.withDevice(off, async () => 1)).rejects.toBeInstanceOf(DeviceDisabledError);
    await expect(devices.withDevice(off, async () => 2, { allowDisabled: true })).resolves.toBe(2);
    expect((await devices.listEnabledDevices()).map((d) => d.id)).not.toContain(off);
  });
});
