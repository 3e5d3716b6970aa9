import { encodeAttendanceRecord } from '../protocol/attendance-record.js';
import { encodeDataset } from '../protocol/dataset.js';
import { wallClockAt } from '../protocol/time-zone.js';
import { encodeUserRecord } from '../protocol/user-record.js';
import { encodeTemplateDataset } from '../protocol/template-record.js';
import type { DeviceState } from './device-state.js';

export type BulkKind = 'users' | 'logs' | 'templates';

/**
 * Builds the dataset a bulk read returns. Attendance instants are written as
 * the device's local wall clock in `timezone`, as real firmware stores them.
 * `truncate` keeps the first half of the records with a consistent length
 * prefix: a short reply that nothing in the bytes betrays.
 */
export function buildDataset(kind: BulkKind, state: DeviceState, timezone: string, truncate: boolean): Buffer {
  if (kind === 'templates') {
    const all = state.templates;
    return encodeTemplateDataset(truncate ? all.slice(0, Math.floor(all.length / 2)) : all);
  }
  const records =
    kind === 'users'
      ? state.users.map(encodeUserRecord)
      : state.logs.map((l) =>
          encodeAttendanceRecord({
            userSn: l.userSn,
            deviceUserId: l.deviceUserId,
            verifyType: l.verifyType,
            state: l.state,
            time: wallClockAt(l.recordTime, timezone),
          }),
        );
  return encodeDataset(truncate ? records.slice(0, Math.floor(records.length / 2)) : records);
}
