import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { decodeAttendanceRecord, encodeAttendanceRecord } from './attendance-record.js';
import { decodeDataset, encodeDataset, chunkPlan } from './dataset.js';
import { decodeDeviceStatus, encodeDeviceStatus } from './device-status.js';
import { decodeUserRecord, deviceUserIssues, encodeUserRecord, type DeviceUser } from './user-record.js';
import { decodeZkTime, encodeZkTime } from './zk-time.js';

const require = createRequire(import.meta.url);
const zkUtils = require('node-zklib/utils') as {
  decodeUserData72: (b: Buffer) => { uid: number; role: number; password: string; name: string; cardno: number; userId: string };
};

const user: DeviceUser = { uid: 513, userId: '987654321', name: 'Short Name', password: '1234', cardNumber: 70_000, privilege: 14, groupId: 3 };

describe('user record', () => {
  test('round-trips every field, a 24-character name included', () => {
    const full = { ...user, name: 'X'.repeat(24), password: '12345678' };
    expect(decodeUserRecord(encodeUserRecord(full))).toEqual(full);
  });

  test('node-zklib decodes our encoding', () => {
    expect(zkUtils.decodeUserData72(encodeUserRecord(user))).toEqual({ uid: 513, role: 14, password: '1234', name: 'Short Name', cardno: 70_000, userId: '987654321' });
  });

  test("node-zklib runs a 24-character name into the card bytes; our decoder does not", () => {
    const full = { ...user, name: 'Y'.repeat(24), cardNumber: 0x41414141 };
    expect(zkUtils.decodeUserData72(encodeUserRecord(full)).name).toMatch(/^Y{24}AAAA/);
    expect(decodeUserRecord(encodeUserRecord(full)).name).toBe('Y'.repeat(24));
  });

  test('validation names each problem', () => {
    expect(deviceUserIssues({ ...user, uid: 0, userId: '12a', name: 'é' })).toHaveLength(3);
    expect(deviceUserIssues(user)).toEqual([]);
  });
});

describe('attendance record and time', () => {
  test('decodes the documented sample 0x2368B36B as 2018-06-25 17:50:35', () => {
    expect(decodeZkTime(0x2368b36b)).toEqual({ year: 2018, month: 6, day: 25, hour: 17, minute: 50, second: 35 });
    expect(encodeZkTime({ year: 2018, month: 6, day: 25, hour: 17, minute: 50, second: 35 })).toBe(0x2368b36b);
  });

  test('round-trips a record', () => {
    const r = { userSn: 7, deviceUserId: '123456789012', verifyType: 2, state: 1, time: { year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59 } };
    expect(decodeAttendanceRecord(encodeAttendanceRecord(r))).toEqual(r);
  });
});

describe('dataset and status', () => {
  test('length prefix guards against short data', () => {
    const ds = encodeDataset([encodeUserRecord(user), encodeUserRecord({ ...user, uid: 1 })]);
    expect(decodeDataset(ds, 72)).toHaveLength(2);
    expect(() => decodeDataset(ds.subarray(0, ds.length - 72), 72)).toThrow(/declares 144 bytes but holds 72/);
  });

  test('chunk plan matches node-zklib: 909 users fit one chunk, 910 need two', () => {
    expect(chunkPlan(4 + 909 * 72)).toHaveLength(1);
    expect(chunkPlan(4 + 910 * 72).map((c) => c.size)).toEqual([65_472, 52]);
  });

  test('status round-trips the fields node-zklib reads', () => {
    const s = { users: 3, logs: 58, userCapacity: 5000, logCapacity: 100_000 };
    expect(decodeDeviceStatus(encodeDeviceStatus(s))).toEqual(s);
  });
});
