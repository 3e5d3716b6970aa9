import type { AttendanceRecord } from '@platform/zk';

/**
 * Where the device's attendance log stood at the last completed sync: its
 * length, its last record (in device order) and its newest punch time. Kept
 * in that sync's `sync_completed` audit row, which commits only after every
 * punch of that read was stored.
 */
export interface AttendanceCursor {
  count: number;
  last: { deviceUserId: string; userSn: number; recordTime: string; verifyType: number; state: number } | null;
  maxRecordTime: string | null;
}

export type SelectionReason = 'incremental' | 'no-cursor' | 'log-shrank' | 'log-rewritten' | 'clock-moved-back';

export interface PunchSelection {
  /** Punches to offer to the store (each is inserted unless already stored). */
  offer: AttendanceRecord[];
  /** 'incremental' when only the tail and the overlap window are offered; otherwise why everything is. */
  reason: SelectionReason;
}

/** Default overlap: DST fall-back repeats an hour of device wall clock; twice that is still a handful of punches. */
export const DEFAULT_OVERLAP_MS = 2 * 3_600_000;

export function cursorOf(logs: readonly AttendanceRecord[]): AttendanceCursor {
  const last = logs.at(-1);
  let max = -Infinity;
  for (const l of logs) if (l.recordTime.getTime() > max) max = l.recordTime.getTime();
  return {
    count: logs.length,
    last: last ? { deviceUserId: last.deviceUserId, userSn: last.userSn, recordTime: last.recordTime.toISOString(), verifyType: last.verifyType, state: last.state } : null,
    maxRecordTime: last ? new Date(max).toISOString() : null,
  };
}

const same = (r: AttendanceRecord, c: NonNullable<AttendanceCursor['last']>) =>
  r.deviceUserId === c.deviceUserId && r.userSn === c.userSn && r.verifyType === c.verifyType && r.state === c.state && r.recordTime.toISOString() === c.recordTime;

/**
 * The watermark rule. A device appends punches, so when the record at the
 * cursor's position is still the cursor's last record, every record before it
 * was in the last complete read and is stored: offer only the records after
 * it (new by position, whatever their clock says) plus every record within
 * `overlapMs` of the newest stored punch time (a late or re-timed append).
 * Everything is offered (full compare, duplicates skipped by the unique key) when:
 * - there is no cursor (first sync, or the last one predates cursors);
 * - the log is shorter than at the cursor (cleared or rolled over);
 * - the cursor's record is no longer at its position (log rewritten or shifted);
 * - a new record is older than the newest stored punch by more than the overlap
 *   (the device clock moved back: something was reset, trust nothing).
 */
export function selectPunches(logs: readonly AttendanceRecord[], cursor: AttendanceCursor | null, overlapMs: number): PunchSelection {
  const all = (reason: SelectionReason): PunchSelection => ({ offer: [...logs], reason });
  if (!cursor || cursor.count === 0 || !cursor.last || !cursor.maxRecordTime) return all('no-cursor');
  if (logs.length < cursor.count) return all('log-shrank');
  if (!same(logs[cursor.count - 1]!, cursor.last)) return all('log-rewritten');
  const since = new Date(cursor.maxRecordTime).getTime() - overlapMs;
  const offer: AttendanceRecord[] = [];
  for (let i = 0; i < logs.length; i++) {
    const l = logs[i]!;
    if (i >= cursor.count) {
      if (l.recordTime.getTime() < since) return all('clock-moved-back');
      offer.push(l);
    } else if (l.recordTime.getTime() >= since) offer.push(l);
  }
  return { offer, reason: 'incremental' };
}
