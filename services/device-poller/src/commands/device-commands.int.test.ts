import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { addDevice, makeDeps } from '../poller.fixture.js';
import { syncDevice } from '../sync/sync-device.job.js';
import { deleteUserCommand, writeUserCommand } from './device-commands.job.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ users: generateUsers(6, 8), replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());

const admin = { adminId: 'a-1', username: 'ana' };

describe('device commands', () => {
  test('delete and write run under the lock, audited before and after, once per commandId; a commanded delete is no disappearance', async ({ db, redis, prefix }) => {
    const id = await addDevice(db, emu, `cmd-${prefix}`);
    const { deps, devices, producer } = makeDeps(db, redis, prefix);
    const cmd = { db, devices, producer, backup: { mode: 'enqueue' as const, timeoutMs: 1_000 } };
    await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });

    const del = { commandId: randomUUID(), deviceId: id, deviceUserId: '1002', requestedBy: admin, reason: 'left the company' };
    await expect(deleteUserCommand(cmd, del)).resolves.toMatchObject({ status: 'done' });
    expect(emu.state.users.map((u) => u.userId)).not.toContain('1002');
    await expect(deleteUserCommand(cmd, del)).resolves.toMatchObject({ status: 'already-done' });
    const backups = await producer.queue('backups').getJobs(['wait', 'delayed']);
    expect(backups[0]?.data).toMatchObject({ deviceId: id, trigger: 'pre-write' });

    const write = { commandId: randomUUID(), deviceId: id, user: { deviceUserId: '5555', name: 'New Person', privilege: 0 }, requestedBy: admin, reason: 'hired' };
    await expect(writeUserCommand(cmd, write)).resolves.toMatchObject({ status: 'done' });
    expect(emu.state.users.find((u) => u.userId === '5555')).toMatchObject({ name: 'New Person', uid: 3 }); // the lowest free slot: the one the delete freed;

    const ops = await db.selectFrom('attendance.device_user_audit_log').select(['operation_type', 'device_user_id', 'performed_by']).where('device_id', '=', id).where('performed_by', '=', 'admin:ana').orderBy('id').execute();
    expect(ops.map((o) => `${o.operation_type}:${o.device_user_id}`)).toEqual(['user_delete_requested:1002', 'user_deleted:1002', 'user_write_requested:5555', 'user_written:5555']);
    const summary = await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
    expect(summary.vanished).toEqual([]);
    expect(await redis.exists(`${prefix}:lock:device:${id}`)).toBe(0);
  });
});
