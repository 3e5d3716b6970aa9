import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { DeviceAccess, DeviceSession, WithDeviceOptions } from '@platform/device-access';
import type { LockOptions } from '@platform/lock';
import { generateUsers, startEmulator, type DeviceClient, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { addDevice, makeDeps } from '../poller.fixture.js';
import { syncDevice, type SyncDeps, type SyncSummary } from '../sync/sync-device.job.js';
import { deleteUserCommand, type CommandDeps } from './device-commands.job.js';

let emu: ZkEmulator;
const USERS = generateUsers(8, 4);
beforeAll(async () => {
  emu = await startEmulator({ users: USERS, replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());

const admin = { adminId: 'a-1', username: 'ana' };
const TARGET = '1003';

/** The real client with some calls replaced: how a test stops a job at an exact point of its session. */
function clientWith(client: DeviceClient, override: Partial<Pick<DeviceClient, 'getUsers' | 'deleteUser'>>): DeviceClient {
  return new Proxy(client, {
    get(target, key) {
      if (key in override) return override[key as keyof typeof override];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The real DeviceAccess (lock, client, health), with hooks inside and right after a session. */
function hooked(real: DeviceAccess, h: { client?: (c: DeviceClient) => DeviceClient; lock?: LockOptions; afterSession?: () => Promise<void> }): DeviceAccess {
  return {
    ...real,
    async withDevice<T>(id: number, fn: (s: DeviceSession) => Promise<T>, opts: WithDeviceOptions = {}) {
      const result = await real.withDevice(id, (s) => fn(h.client ? { ...s, client: h.client(s.client) } : s), { ...opts, lock: { ...opts.lock, ...h.lock } });
      await h.afterSession?.();
      return result;
    },
  };
}

type Interleaving = 'sync parked between reading users and writing' | 'sync between the device call and the final audit row' | 'device applied the delete, then the call failed';

describe('a commanded delete is never a disappearance', () => {
  test.for<Interleaving>([
    'sync parked between reading users and writing',
    'sync between the device call and the final audit row',
    'device applied the delete, then the call failed',
  ])('%s', async (interleaving, { db, redis, prefix }) => {
    emu.state.replace(USERS, []);
    const id = await addDevice(db, emu, `del-${prefix}`);
    const { deps, devices, producer } = makeDeps(db, redis, prefix);
    const syncs: SyncSummary[] = [];
    const sync = async (d: SyncDeps = deps) => {
      syncs.push(await syncDevice(d, { deviceId: id, trigger: 'scheduled' }));
    };
    const del = { commandId: randomUUID(), deviceId: id, deviceUserId: TARGET, requestedBy: admin, reason: 'left' };
    const cmd = (access: DeviceAccess): CommandDeps => ({ db, devices: access, producer, backup: { mode: 'enqueue', timeoutMs: 1_000 } });
    await sync();

    if (interleaving === 'sync parked between reading users and writing') {
      // The delete waits for the device lock the parked sync holds; it may not fail for it.
      let deleteWaits!: () => void;
      const waiting = new Promise<void>((resolve) => (deleteWaits = resolve));
      const deleteAccess = hooked(devices, { lock: { retries: 30, retryDelayMs: 2, onAttempt: (a) => a.acquired || deleteWaits() } });
      let deletion: Promise<unknown> | undefined;
      const parkedSync = hooked(devices, {
        client: (c) =>
          clientWith(c, {
            getUsers: async () => {
              const users = await c.getUsers();
              deletion = deleteUserCommand(cmd(deleteAccess), del);
              await waiting;
              return users;
            },
          }),
      });
      await sync({ ...deps, devices: parkedSync });
      expect(syncs.at(-1)!.users).toBe(USERS.length); // it read the user the delete is about to remove
      await expect(deletion).resolves.toMatchObject({ status: 'done' });
    } else if (interleaving === 'sync between the device call and the final audit row') {
      // The lock is free again, the device no longer has the user; a sync runs before the command returns.
      await expect(deleteUserCommand(cmd(hooked(devices, { afterSession: () => sync() })), del)).resolves.toMatchObject({ status: 'done' });
    } else {
      // A timeout after the device applied it: the command fails, the user is gone anyway.
      const access = hooked(devices, {
        client: (c) =>
          clientWith(c, {
            deleteUser: async (uid) => {
              await c.deleteUser(uid);
              throw new Error('connection reset after the device answered');
            },
          }),
      });
      await expect(deleteUserCommand(cmd(access), del)).rejects.toThrow(/connection reset/);
    }
    expect(emu.state.users.map((u) => u.userId)).not.toContain(TARGET);
    await sync();
    await sync();

    expect(syncs.flatMap((s) => s.vanished)).toEqual([]);
    expect(syncs.every((s) => s.alertJobId === null)).toBe(true);
    const disappeared = await db.selectFrom('attendance.device_user_audit_log').select('id').where('device_id', '=', id).where('operation_type', '=', 'user_disappeared').execute();
    expect(disappeared).toEqual([]);
    expect(await producer.queue('alerts').getJobCounts('wait', 'delayed')).toEqual({ wait: 0, delayed: 0 });
    await producer.close();
  });

  test('a delete that did not happen does not hide a later real disappearance of that user', async ({ db, redis, prefix }) => {
    emu.state.replace(USERS, []);
    const id = await addDevice(db, emu, `refused-${prefix}`);
    const { deps, devices, producer } = makeDeps(db, redis, prefix);
    await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
    const refusing = hooked(devices, {
      client: (c) =>
        clientWith(c, {
          deleteUser: async () => {
            throw new Error('device refused the delete');
          },
        }),
    });
    const del = { commandId: randomUUID(), deviceId: id, deviceUserId: TARGET, requestedBy: admin, reason: 'left' };
    await expect(deleteUserCommand({ db, devices: refusing, producer, backup: { mode: 'enqueue', timeoutMs: 1_000 } }, del)).rejects.toThrow(/refused/);
    // The user is still there and a sync sees it after the failed command; later it vanishes on its own.
    expect((await syncDevice(deps, { deviceId: id, trigger: 'scheduled' })).vanished).toEqual([]);
    emu.state.removeUsersById([TARGET]);
    const after = await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
    expect(after.vanished).toEqual([TARGET]);
    expect(after.alertJobId).not.toBeNull();
    await producer.close();
  });
});
