import { ATTENDANCE_RECORD_SIZE, type AttendanceRecord } from '../protocol/attendance-record.js';
import { USER_RECORD_SIZE, type DeviceUser } from '../protocol/user-record.js';
import { Cmd } from '../protocol/commands.js';
import { decodeTemplateDataset, GET_TEMPLATES_REQUEST, type FingerTemplate } from '../protocol/template-record.js';
import type { Connection } from './connection.js';
import { datasetRecordCount, decodeAttendanceDataset, decodeUserDataset } from './dataset-decode.js';
import { DeviceError, DeviceProtocolError, DeviceUnreachableError, IncompleteReadError } from './errors.js';

// node-zklib's REQUEST_DATA.GET_USERS / GET_ATTENDANCE_LOGS (constants.js).
const GET_USERS = Buffer.from([0x01, 0x09, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
const GET_ATTENDANCE_LOGS = Buffer.from([0x01, 0x0d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);

/** What node-zklib's record loop would have yielded from `bytes` (for error reports). */
const wholeRecords = (bytes: number, recordSize: number) => (recordSize === 1 ? 0 : Math.max(0, Math.floor((bytes - 4) / recordSize)));

/**
 * Reads one dataset the way node-zklib's getUsers/getAttendances do (free,
 * readWithBuffer, free) and returns it only if it is provably whole: node-zklib
 * reported no error, the tapped bytes' length prefix matches the bytes
 * received, the record count equals the device's own, and node-zklib's
 * assembled dataset is byte-for-byte the tapped one. node-zklib's per-record
 * decode is skipped: it drops fields we need, and for 100k punches it was
 * ~0.6 s of a ~0.9 s download, spent on records we decode from the tap anyway.
 */
async function readDataset(
  c: Connection,
  request: Buffer,
  recordSize: number,
  expectedCount?: () => Promise<number>,
  countRecords: (raw: Buffer) => number = (raw) => datasetRecordCount(raw, recordSize),
): Promise<{ raw: Buffer; count: number }> {
  const expected = expectedCount ? await expectedCount() : await c.run(() => c.zk.getInfo()).then((info) => (request === GET_USERS ? info.userCounts : info.logCounts));
  const tcp = c.zk.zklibTcp;
  const { result, raw } = await readOrIncomplete(c, expected, recordSize, async () => {
    if (!tcp.socket) throw new DeviceUnreachableError(c.ctx, 'socket closed before the bulk read');
    await tcp.freeData();
    const r = await tcp.readWithBuffer(request);
    await tcp.freeData();
    return r;
  });
  if (result.err) throw new IncompleteReadError(c.ctx, expected, wholeRecords(result.data.length, recordSize), result.err.message, { cause: result.err });
  let count: number;
  try {
    count = countRecords(raw);
  } catch (e) {
    throw new IncompleteReadError(c.ctx, expected, wholeRecords(raw.length, recordSize), (e as Error).message, { cause: e });
  }
  if (count !== expected) throw new IncompleteReadError(c.ctx, expected, count, 'device count differs from records sent');
  if (!result.data.equals(raw)) throw new DeviceProtocolError(c.ctx, 'node-zklib and the raw records disagree');
  return { raw, count };
}

/**
 * Every user on the device, or an error; never a partial list. A short list
 * would look exactly like users vanishing (seed 000).
 */
export async function readAllUsers(c: Connection): Promise<DeviceUser[]> {
  const { raw, count } = await readDataset(c, GET_USERS, USER_RECORD_SIZE);
  const users = decodeUserDataset(raw, count);
  const uids = new Set(users.map((u) => u.uid));
  if (uids.size !== users.length) throw new DeviceProtocolError(c.ctx, 'device listed the same uid twice');
  return users;
}

/** Same guarantees as {@link readAllUsers}, for attendance; times are read in `timezone`. */
export async function readAllAttendance(c: Connection, timezone: string): Promise<AttendanceRecord[]> {
  const { raw, count } = await readDataset(c, GET_ATTENDANCE_LOGS, ATTENDANCE_RECORD_SIZE);
  return decodeAttendanceDataset(raw, count, timezone);
}

/** A connection lost mid-transfer is reported as the incomplete read it is. */
async function readOrIncomplete<T>(c: Connection, expected: number, recordSize: number, call: () => Promise<T>): Promise<{ result: T; raw: Buffer }> {
  try {
    return await c.collect(call);
  } catch (e) {
    if (e instanceof DeviceError && e.name === 'DeviceUnreachableError') {
      throw new IncompleteReadError(c.ctx, expected, wholeRecords(c.collectedBytes, recordSize), `connection lost mid-transfer: ${e.message}`, { cause: e });
    }
    throw e;
  }
}

/**
 * Every fingerprint template (CMD_DB_RRQ, table 2), with the same rule: the
 * count must equal the device's own (GET_FREE_SIZES int32 #6), else
 * IncompleteReadError. A restore from a short list would lose fingers.
 */
export async function readAllTemplates(c: Connection): Promise<FingerTemplate[]> {
  let templates: FingerTemplate[] = [];
  const reply = await c.run(() => c.zk.executeCmd(Cmd.GET_FREE_SIZES, ''));
  if (reply.length < 8 + 28) throw new DeviceProtocolError(c.ctx, `free-sizes reply of ${reply.length} bytes has no fingerprint count`);
  const fingerCount = reply.readInt32LE(8 + 24);
  // No fingers enrolled: nothing to download (pyzk skips the read the same way).
  if (fingerCount === 0) return [];
  // Template entries vary in size: count them by decoding (which also checks every entry's bounds).
  const decode = (raw: Buffer) => (templates = decodeTemplateDataset(raw)).length;
  await readDataset(c, GET_TEMPLATES_REQUEST, 1, () => Promise.resolve(fingerCount), decode);
  return templates;
}
