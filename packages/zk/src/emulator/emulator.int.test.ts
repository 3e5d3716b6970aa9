import ZKLib from 'node-zklib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitFor } from '@platform/testkit';
import { startEmulator, type ZkEmulator } from './emulator.js';
import { generateLogs, generateUsers } from './seed.js';
import type { ReplyForm } from './session.js';
import type { DeviceUser } from '../protocol/user-record.js';
import { encodeUserRecord } from '../protocol/user-record.js';

// node-zklib builds Dates in the process zone; pin it so its instants are comparable.
process.env.TZ = 'UTC';

// Raw, unmodified node-zklib 1.3.0 against the emulator: the emulator is only
// useful if the real client reads back exactly what the device holds.
const FORMS: ReplyForm[] = ['single', 'chunked'];

async function session<T>(emu: ZkEmulator, fn: (zk: ZKLib) => Promise<T>): Promise<T> {
  const zk = new ZKLib('127.0.0.1', emu.port, 5000, 0);
  await zk.createSocket();
  try {
    return await fn(zk);
  } finally {
    await zk.disconnect();
  }
}

const edgeUser: DeviceUser = {
  uid: 65_535,
  userId: '123456789',
  name: 'Abcdefghijklmnopqrstuvwx', // 24 characters, no NUL terminator on the wire
  password: '87654321',
  cardNumber: 4_000_000_001,
  privilege: 14,
  groupId: 7,
};

describe.each(FORMS)('node-zklib over the %s reply form', (replyForm) => {
  let emu: ZkEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ replyForm, pacingMs: 0 });
  });
  afterAll(() => emu.close());

  test.each([0, 1, 909, 910, 10_000])('reads %i users back exactly', async (n) => {
    const users = generateUsers(n, n);
    emu.state.replace(users, []);
    const { data, err } = await session(emu, (zk) => zk.getUsers());
    expect(err ?? null).toBeNull();
    expect(data.map((u) => [u.uid, u.userId, u.name, u.password, u.cardno, u.role])).toEqual(
      users.map((u) => [u.uid, u.userId, u.name, u.password, u.cardNumber, u.privilege]),
    );
  });

  test.each([0, 1, 1636, 1637, 20_000])('reads %i attendance records back exactly', async (n) => {
    const users = generateUsers(50, 3);
    const logs = generateLogs(n, users, n);
    emu.state.replace(users, logs);
    const { data, err } = await session(emu, (zk) => zk.getAttendances());
    expect(err ?? null).toBeNull();
    // The emulator's clock and this worker both run in UTC (TZ pinned above).
    expect(data.map((l) => [l.userSn, l.deviceUserId, l.recordTime.getTime()])).toEqual(
      logs.map((l) => [l.userSn, l.deviceUserId, l.recordTime.getTime()]),
    );
  });

  test('getInfo reports counts and capacity', async () => {
    emu.state.replace(generateUsers(12), generateLogs(34, generateUsers(12)));
    await expect(session(emu, (zk) => zk.getInfo())).resolves.toEqual({ userCounts: 12, logCounts: 34, logCapacity: emu.state.logCapacity });
  });
});

describe('writes, deletes and events through node-zklib', () => {
  let emu: ZkEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ replyForm: 'single' });
  });
  afterAll(() => emu.close());

  test('command 8 writes a 72-byte user and command 18 deletes it; both show on the next read', async () => {
    emu.state.replace(generateUsers(3), []);
    const codes = await session(emu, async (zk) => {
      const written = await zk.executeCmd(8, encodeUserRecord(edgeUser));
      const uid = Buffer.alloc(2);
      uid.writeUInt16LE(2, 0);
      const deleted = await zk.executeCmd(18, uid);
      const again = await zk.executeCmd(18, uid);
      return [written, deleted, again].map((r) => r.readUInt16LE(0));
    });
    expect(codes).toEqual([2000, 2000, 2001]);
    const { data } = await session(emu, (zk) => zk.getUsers());
    expect(data.map((u) => u.uid)).toEqual([1, 3, 65_535]);
    expect(emu.state.users.at(-1)).toEqual(edgeUser);
  });

  test('clear attendance empties the log', async () => {
    emu.state.replace(generateUsers(2), generateLogs(5, generateUsers(2)));
    await session(emu, (zk) => zk.clearAttendanceLog());
    expect(emu.state.logCount).toBe(0);
  });

  test('disable and enable toggle the device state', async () => {
    const seen = await session(emu, async (zk) => {
      await zk.disableDevice();
      const during = emu.state.disabled;
      await zk.enableDevice();
      return [during, emu.state.disabled];
    });
    expect(seen).toEqual([true, false]);
  });

  test('real-time events reach getRealTimeLogs', async () => {
    emu.state.replace(generateUsers(2), []);
    const events = await session(emu, async (zk) => {
      const got: Array<{ userId: string; attTime: Date }> = [];
      await zk.getRealTimeLogs((e) => got.push(e));
      // node-zklib sends the registration without awaiting its ack: wait for the device to have it.
      await waitFor('the event registration', () => emu.eventsRegistered);
      emu.punch({ userSn: 1, deviceUserId: '1000', recordTime: new Date('2026-03-01T08:15:30Z'), verifyType: 1, state: 0 });
      emu.punch({ userSn: 2, deviceUserId: '1001', recordTime: new Date('2026-03-01T08:16:00Z'), verifyType: 1, state: 1 });
      await waitFor('both events', () => got.length >= 2);
      return got;
    });
    expect(events.map((e) => [e.userId, e.attTime.toISOString()])).toEqual([
      ['1000', '2026-03-01T08:15:30.000Z'],
      ['1001', '2026-03-01T08:16:00.000Z'],
    ]);
    expect(emu.state.logCount).toBe(2);
  });

  test('users vanish between polls, the field bug seed 000 is about', async () => {
    emu.state.replace(generateUsers(5), []);
    emu.faults.vanishUsers(['1001', '1003']);
    const first = await session(emu, (zk) => zk.getUsers());
    const second = await session(emu, (zk) => zk.getUsers());
    expect(first.data.map((u) => u.userId)).toEqual(['1000', '1001', '1002', '1003', '1004']);
    expect(second.data.map((u) => u.userId)).toEqual(['1000', '1002', '1004']);
  });
});
