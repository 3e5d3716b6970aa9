import { afterAll, beforeAll, beforeEach } from 'vitest';
import { generateLogs, generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { addDevice, makeDeps } from '../poller.fixture.js';
import { syncDevice } from './sync-device.job.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.faults.reset());

describe('syncDevice', () => {
  test('buffers users, stores punches once, records history, and alerts on vanished users', async ({ db, redis, prefix }) => {
    const users = generateUsers(30, 5);
    emu.state.replace(users, generateLogs(200, users, 5));
    const id = await addDevice(db, emu, `d-${prefix}`);
    const { deps, producer, lines } = makeDeps(db, redis, prefix, { batchSize: 7 });
    const first = await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
    expect(first).toMatchObject({ users: 30, discovered: 30, logsRead: 200, logsInserted: 200, historyRecorded: true, vanished: [] });
    const second = await syncDevice(deps, { deviceId: id, trigger: 'manual', requestedBy: 'ana' });
    expect(second).toMatchObject({ discovered: 0, logsInserted: 0, historyRecorded: false });
    expect(await db.selectFrom('attendance.attendance_logs').select((e) => e.fn.countAll<number>().as('n')).where('device_id', '=', id).executeTakeFirst()).toEqual({ n: 200 });

    emu.faults.vanishUsers(['1003', '1007']);
    await syncDevice(deps, { deviceId: id, trigger: 'scheduled' }); // still sees them, then they vanish
    const third = await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
    expect(third.vanished).toEqual(['1003', '1007']);
    expect(third.historyRecorded).toBe(true);
    const job = await producer.queue('alerts').getJob(third.alertJobId!);
    expect(job?.data).toMatchObject({ type: 'device.users_disappeared', details: { deviceId: id, vanishedIds: ['1003', '1007'] } });
    expect(lines.find((l) => l.msg === 'device users disappeared')).toMatchObject({ level: 40, vanishedIds: ['1003', '1007'] });
    const buffered = await db.selectFrom('attendance.device_user_buffer').select('device_user_id').where('device_id', '=', id).execute();
    expect(buffered).toHaveLength(30);
    await producer.close();
  });
});
