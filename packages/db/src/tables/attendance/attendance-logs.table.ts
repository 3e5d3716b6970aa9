import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

/** `attendance.attendance_logs`: punches, unique per `(device_id, device_user_id, record_time)` so re-reads never duplicate. */
export interface AttendanceLogTable {
  id: GeneratedAlways<number>;
  device_id: number;
  device_user_id: string;
  /** Device `userSn` (= uid). */
  user_sn: number | null;
  record_time: Date;
  /** 0 password, 1 fingerprint, 2 card... */
  verify_type: number | null;
  /** 0 check-in, 1 check-out, 2 break-out, 3 break-in, 4 OT-in, 5 OT-out. */
  punch: number | null;
  ingested_at: Generated<Date>;
}
export type AttendanceLog = Selectable<AttendanceLogTable>;
export type NewAttendanceLog = Insertable<AttendanceLogTable>;
export type AttendanceLogUpdate = Updateable<AttendanceLogTable>;
