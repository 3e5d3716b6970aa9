import { decodeZkTime, encodeZkTime, type WallClock } from './zk-time.js';

/** One attendance record as the device stores it: local wall clock, no zone. */
export interface RawAttendance {
  /** uid of the user (node-zklib's `userSn`). */
  userSn: number;
  deviceUserId: string;
  /** 0 password, 1 fingerprint, 2 card, ... */
  verifyType: number;
  /** 0 check-in, 1 check-out, 2 break-out, 3 break-in, 4 OT-in, 5 OT-out. */
  state: number;
  time: WallClock;
}

export const ATTENDANCE_RECORD_SIZE = 40;

/** Encodes the 40-byte TCP attendance record. */
export function encodeAttendanceRecord(r: RawAttendance): Buffer {
  const buf = Buffer.alloc(ATTENDANCE_RECORD_SIZE);
  buf.writeUInt16LE(r.userSn, 0);
  buf.write(r.deviceUserId, 2, 24, 'latin1');
  buf.writeUInt8(r.verifyType, 26);
  buf.writeUInt32LE(encodeZkTime(r.time), 27);
  buf.writeUInt8(r.state, 31);
  // Reserved tail as seen in a device capture: 00 00 00 00 ff 00 00 00.
  buf.writeUInt8(0xff, 36);
  return buf;
}

/** Decodes one 40-byte attendance record. */
export function decodeAttendanceRecord(buf: Buffer): RawAttendance {
  if (buf.length !== ATTENDANCE_RECORD_SIZE) throw new RangeError(`attendance record must be ${ATTENDANCE_RECORD_SIZE} bytes, got ${buf.length}`);
  const id = buf.subarray(2, 26);
  const nul = id.indexOf(0);
  return {
    userSn: buf.readUInt16LE(0),
    deviceUserId: id.subarray(0, nul === -1 ? id.length : nul).toString('latin1'),
    verifyType: buf.readUInt8(26),
    time: decodeZkTime(buf.readUInt32LE(27)),
    state: buf.readUInt8(31),
  };
}

/** Real-time event payload (52 bytes): id, verify type, state, 6 time bytes. */
export function encodeRealtimeEvent(r: RawAttendance): Buffer {
  const buf = Buffer.alloc(52);
  buf.write(r.deviceUserId, 0, 24, 'latin1');
  buf.writeUInt8(r.verifyType, 24);
  buf.writeUInt8(r.state, 25);
  const t = r.time;
  Buffer.from([t.year - 2000, t.month, t.day, t.hour, t.minute, t.second]).copy(buf, 26);
  return buf;
}

/** An attendance record with its time resolved to a real UTC instant. */
export interface AttendanceRecord {
  userSn: number;
  deviceUserId: string;
  recordTime: Date;
  verifyType: number;
  state: number;
}
