import { ATTENDANCE_RECORD_SIZE, decodeAttendanceRecord, type AttendanceRecord } from '../protocol/attendance-record.js';
import { decodeDataset } from '../protocol/dataset.js';
import { zonedWallClockToDate } from '../protocol/time-zone.js';
import { decodeUserRecord, USER_RECORD_SIZE, type DeviceUser } from '../protocol/user-record.js';
import type { Connection } from './connection.js';
import { DeviceError, DeviceProtocolError, IncompleteReadError } from './errors.js';

function records(c: Connection, raw: Buffer, recordSize: number, expected: number): Buffer[] {
  try {
    return decodeDataset(raw, recordSize);
  } catch (e) {
    const received = Math.max(0, Math.floor((raw.length - 4) / recordSize));
    throw new IncompleteReadError(c.ctx, expected, received, (e as Error).message, { cause: e });
  }
}

/**
 * Reads the device's user count, then every user, and returns the list only
 * if it is provably whole: node-zklib reported no error, the dataset's length
 * prefix matches the bytes received, and the count equals the device's own.
 * A short list would look exactly like users vanishing (seed 000).
 */
export async function readAllUsers(c: Connection): Promise<DeviceUser[]> {
  const { userCounts: expected } = await c.run(() => c.zk.getInfo());
  const { result, raw } = await readOrIncomplete(c, expected, USER_RECORD_SIZE, () => c.zk.getUsers());
  if (result.err) throw new IncompleteReadError(c.ctx, expected, result.data.length, result.err.message, { cause: result.err });
  const users = records(c, raw, USER_RECORD_SIZE, expected).map(decodeUserRecord);
  if (users.length !== expected) throw new IncompleteReadError(c.ctx, expected, users.length, 'device count differs from records sent');
  const uids = new Set(users.map((u) => u.uid));
  if (uids.size !== users.length) throw new DeviceProtocolError(c.ctx, 'device listed the same uid twice');
  if (result.data.length !== users.length || result.data.some((u, i) => u.uid !== users[i]!.uid)) {
    throw new DeviceProtocolError(c.ctx, 'node-zklib and the raw records disagree');
  }
  return users;
}

/** Same guarantees as {@link readAllUsers}, for attendance; times are read in `timezone`. */
export async function readAllAttendance(c: Connection, timezone: string): Promise<AttendanceRecord[]> {
  const { logCounts: expected } = await c.run(() => c.zk.getInfo());
  const { result, raw } = await readOrIncomplete(c, expected, ATTENDANCE_RECORD_SIZE, () => c.zk.getAttendances());
  if (result.err) throw new IncompleteReadError(c.ctx, expected, result.data.length, result.err.message, { cause: result.err });
  const logs = records(c, raw, ATTENDANCE_RECORD_SIZE, expected).map(decodeAttendanceRecord);
  if (logs.length !== expected) throw new IncompleteReadError(c.ctx, expected, logs.length, 'device count differs from records sent');
  if (result.data.length !== logs.length || result.data.some((l, i) => l.userSn !== logs[i]!.userSn)) {
    throw new DeviceProtocolError(c.ctx, 'node-zklib and the raw records disagree');
  }
  return logs.map((l) => ({
    userSn: l.userSn,
    deviceUserId: l.deviceUserId,
    verifyType: l.verifyType,
    state: l.state,
    // Device clocks have no zone: read the wall clock in the device's zone, not
    // the process zone node-zklib used for its own `recordTime`.
    recordTime: zonedWallClockToDate(l.time, timezone),
  }));
}

/** A connection lost mid-transfer is reported as the incomplete read it is. */
async function readOrIncomplete<T>(c: Connection, expected: number, recordSize: number, call: () => Promise<T>): Promise<{ result: T; raw: Buffer }> {
  try {
    return await c.collect(call);
  } catch (e) {
    if (e instanceof DeviceError && e.name === 'DeviceUnreachableError') {
      const received = Math.max(0, Math.floor((c.collectedBytes - 4) / recordSize));
      throw new IncompleteReadError(c.ctx, expected, received, `connection lost mid-transfer: ${e.message}`, { cause: e });
    }
    throw e;
  }
}
