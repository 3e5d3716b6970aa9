import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeAttendanceRecord, encodeAttendanceRecord, type RawAttendance } from '../protocol/attendance-record.js';
import { encodeDataset } from '../protocol/dataset.js';
import { zonedWallClockToDate } from '../protocol/time-zone.js';
import { decodeUserRecord, encodeUserRecord, type DeviceUser } from '../protocol/user-record.js';
import { datasetRecordCount, decodeAttendanceDataset, decodeUserDataset } from './dataset-decode.js';

const text = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max });
const attendance: fc.Arbitrary<RawAttendance> = fc.record({
  userSn: fc.nat({ max: 65_535 }),
  deviceUserId: text(24),
  verifyType: fc.nat({ max: 255 }),
  state: fc.nat({ max: 255 }),
  time: fc.record({
    year: fc.integer({ min: 2000, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  }),
});
const user: fc.Arbitrary<DeviceUser> = fc.record({
  uid: fc.integer({ min: 1, max: 65_535 }),
  userId: fc.stringMatching(/^\d{1,9}$/),
  name: text(24),
  password: text(8),
  cardNumber: fc.nat({ max: 0xffff_ffff }),
  privilege: fc.nat({ max: 255 }),
  groupId: fc.nat({ max: 255 }),
});
const zone = fc.constantFrom('UTC', 'Asia/Tashkent', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe');

describe('single-pass dataset decoders', () => {
  test('attendance: every field equals the per-record decoder, zone-corrected the same way', () => {
    fc.assert(
      fc.property(fc.array(attendance, { maxLength: 40 }), zone, (records, tz) => {
        const dataset = encodeDataset(records.map(encodeAttendanceRecord));
        const expected = records.map((r) => {
          const d = decodeAttendanceRecord(encodeAttendanceRecord(r));
          return { userSn: d.userSn, deviceUserId: d.deviceUserId, verifyType: d.verifyType, state: d.state, recordTime: zonedWallClockToDate(d.time, tz) };
        });
        expect(decodeAttendanceDataset(dataset, datasetRecordCount(dataset, 40), tz)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  test('users: every field equals the per-record decoder', () => {
    fc.assert(
      fc.property(fc.array(user, { maxLength: 40 }), (users) => {
        const dataset = encodeDataset(users.map(encodeUserRecord));
        expect(decodeUserDataset(dataset, datasetRecordCount(dataset, 72))).toEqual(users.map((u) => decodeUserRecord(encodeUserRecord(u))));
      }),
      { numRuns: 200 },
    );
  });

  test('a length prefix that disagrees with the bytes, or a partial record, is refused', () => {
    const ok = encodeDataset([encodeAttendanceRecord({ userSn: 1, deviceUserId: '7', verifyType: 1, state: 0, time: { year: 2026, month: 1, day: 2, hour: 3, minute: 4, second: 5 } })]);
    expect(datasetRecordCount(ok, 40)).toBe(1);
    expect(() => datasetRecordCount(ok.subarray(0, 30), 40)).toThrow(/declares 40 bytes but holds 26/);
    expect(() => datasetRecordCount(ok, 72)).toThrow(/not a whole number of 72-byte records/);
    expect(() => datasetRecordCount(Buffer.alloc(2), 40)).toThrow(/no length prefix/);
  });
});
