import { ATTENDANCE_RECORD_SIZE, type AttendanceRecord } from '../protocol/attendance-record.js';
import { zonedWallClockToDate } from '../protocol/time-zone.js';
import { decodeUserRecord, USER_RECORD_SIZE, type DeviceUser } from '../protocol/user-record.js';
import { decodeZkTime } from '../protocol/zk-time.js';

/**
 * Single-pass decoders over a whole bulk-read dataset (4-byte length prefix,
 * then records), reading fields at offsets instead of slicing one Buffer and
 * one intermediate object per record: for 100k punches the sliced path
 * (decodeDataset + decodeAttendanceRecord + a remap) cost ~0.4 s, about half
 * of node-zklib's whole download. Field layout and results are exactly those
 * of decodeAttendanceRecord / decodeUserRecord (dataset-decode.test.ts).
 * Callers validate the prefix first ({@link datasetRecordCount}).
 */

/** Records in `dataset`; throws RangeError if the prefix and the bytes disagree. */
export function datasetRecordCount(dataset: Buffer, recordSize: number): number {
  if (dataset.length < 4) throw new RangeError(`dataset of ${dataset.length} bytes has no length prefix`);
  const declared = dataset.readUInt32LE(0);
  const body = dataset.length - 4;
  if (body !== declared) throw new RangeError(`dataset declares ${declared} bytes but holds ${body}`);
  if (declared % recordSize !== 0) throw new RangeError(`dataset of ${declared} bytes is not a whole number of ${recordSize}-byte records`);
  return declared / recordSize;
}

/** A NUL-terminated latin1 field of at most `width` bytes at `start`. */
function text(buf: Buffer, start: number, width: number): string {
  let end = start;
  const limit = start + width;
  while (end < limit && buf[end] !== 0) end++;
  return buf.toString('latin1', start, end);
}

/** Every attendance record of a validated dataset, times read as wall clock in `timezone`. */
export function decodeAttendanceDataset(dataset: Buffer, count: number, timezone: string): AttendanceRecord[] {
  const out = new Array<AttendanceRecord>(count);
  for (let i = 0, o = 4; i < count; i++, o += ATTENDANCE_RECORD_SIZE) {
    out[i] = {
      userSn: dataset.readUInt16LE(o),
      deviceUserId: text(dataset, o + 2, 24),
      verifyType: dataset[o + 26]!,
      state: dataset[o + 31]!,
      // Device clocks have no zone: the wall clock is read in the device's zone,
      // not the process zone node-zklib would use for its own `recordTime`.
      recordTime: zonedWallClockToDate(decodeZkTime(dataset.readUInt32LE(o + 27)), timezone),
    };
  }
  return out;
}

/** Every user of a validated dataset (10k users: slicing is not the cost here). */
export function decodeUserDataset(dataset: Buffer, count: number): DeviceUser[] {
  const out = new Array<DeviceUser>(count);
  for (let i = 0, o = 4; i < count; i++, o += USER_RECORD_SIZE) out[i] = decodeUserRecord(dataset.subarray(o, o + USER_RECORD_SIZE));
  return out;
}
